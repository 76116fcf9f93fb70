"""Writes .npy files with numpy for dev.derive.data.io.NpyTest (never run in CI).

Every supported dtype (<f8 >f8 <f4 >f4 <i4 >i4 <i8 >i8 |b1) as a 1-D array and as a 2-D array in C and
in Fortran order, format 1.0 (numpy's default) and a few in format 2.0, a 0-d and an empty array; plus
files Derive must refuse (object, structured, unicode and complex dtypes). The expected values, as
float64 in C order, go to fixtures/npy_values.txt in the FixtureWriter format.

    /usr/bin/python3 tools/gen_npy_fixtures.py            # write the fixtures
    /usr/bin/python3 tools/gen_npy_fixtures.py --check DIR # load every .npy in DIR written by Derive and print it
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
from fixtures_io import FixtureWriter  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "derive-core", "src", "test", "resources", "fixtures")
OUT = os.path.join(ROOT, "npy")


def base_values(kind):
    if kind == "f8":
        return np.array([[0.1, -2.5, 1e-300, np.inf],
                         [np.nan, -0.0, 3.0, 5e-324],
                         [1.7976931348623157e308, -1 / 3, 2.0 ** -1022, 123456789.125]])
    if kind == "f4":
        return np.array([[0.1, -2.5, 1e-30, np.inf],
                         [np.nan, -0.0, 3.0, 1e-45],
                         [3.4028234663852886e38, -1 / 3, 2.0 ** -126, 12345.125]]).astype(np.float32)
    if kind == "i4":
        return np.array([[0, 1, -1, 2 ** 31 - 1],
                         [-2 ** 31, 7, 100000, -42],
                         [3, 5, 8, 13]], dtype=np.int64)
    if kind == "i8":
        return np.array([[0, 1, -1, 2 ** 40 + 3],
                         [-2 ** 52, 2 ** 53, 100000, -42],
                         [3, 5, 8, 2 ** 31]], dtype=np.int64)
    if kind == "b1":
        return np.array([[True, False, True, True],
                         [False, False, True, False],
                         [True, True, False, False]])
    raise ValueError(kind)


def save(name, arr, version=None):
    path = os.path.join(OUT, name + ".npy")
    with open(path, "wb") as f:
        np.lib.format.write_array(f, arr, version=version, allow_pickle=False)
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    fw = FixtureWriter(os.path.join(ROOT, "npy_values.txt"),
                       "Expected contents (float64, C order) of the .npy files in fixtures/npy, written by\n"
                       "tools/gen_npy_fixtures.py with numpy " + np.__version__ + ".\n"
                       "File names: <kind>_<le|be>_<1d|C|F>[_v2]; 1-D arrays are stored as one column.")
    for kind in ["f8", "f4", "i4", "i8", "b1"]:
        for endian in (["<", ">"] if kind != "b1" else ["|"]):
            dtype = np.dtype(endian + kind)
            a2 = base_values(kind).astype(dtype)
            a1 = a2.ravel()[:7].copy()
            tag = {"<": "le", ">": "be", "|": "na"}[endian]
            save(f"{kind}_{tag}_1d", a1)
            fw.add(f"{kind}_{tag}_1d", a1.astype(np.float64))
            save(f"{kind}_{tag}_C", np.ascontiguousarray(a2))
            fw.add(f"{kind}_{tag}_C", a2.astype(np.float64))
            save(f"{kind}_{tag}_F", np.asfortranarray(a2))
            fw.add(f"{kind}_{tag}_F", a2.astype(np.float64))
    a = base_values("f8")
    save("f8_le_F_v2", np.asfortranarray(a), version=(2, 0))
    fw.add("f8_le_F_v2", a)
    save("i4_be_C_v2", base_values("i4").astype(">i4"), version=(2, 0))
    fw.add("i4_be_C_v2", base_values("i4").astype(np.float64))
    save("f8_le_0d", np.array(2.5))
    fw.add("f8_le_0d", np.array([2.5]))
    save("f8_le_empty", np.zeros((0, 3)))
    # files that must be refused
    with open(os.path.join(OUT, "bad_object.npy"), "wb") as f:
        np.lib.format.write_array(f, np.array([1, "a", None], dtype=object), allow_pickle=True)
    save("bad_structured", np.zeros(3, dtype=[("a", "<f8"), ("b", "<i4")]))
    save("bad_unicode", np.array(["ab", "cd"]))
    save("bad_complex", np.array([1 + 2j]))
    save("bad_u2", np.array([1, 2], dtype="<u2"))
    fw.save()
    print("wrote", len(os.listdir(OUT)), "files to", OUT)


def check(d):
    for name in sorted(os.listdir(d)):
        if name.endswith(".npy"):
            a = np.load(os.path.join(d, name), allow_pickle=False)
            print(name, a.dtype.str, a.shape, "F" if np.isfortran(a) else "C", a.ravel()[:6].tolist())


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--check":
        check(sys.argv[2])
    else:
        main()
