package dev.derive.data.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A dictionary from byte strings to dense codes 0, 1, 2, ... in order of first insertion (open
 * addressing, linear probing). Used to encode text columns without creating a {@code String} per cell.
 */
final class ByteDict {

    private byte[][] keys = new byte[16][];
    private int[] hashes = new int[16];
    private int[] table = new int[32]; // code + 1; 0 = empty
    private int size;

    int size() {
        return size;
    }

    /** The code of {@code b[from, to)}, adding it when new. */
    int code(byte[] b, int from, int to) {
        int h = hash(b, from, to);
        int mask = table.length - 1;
        int slot = h & mask;
        while (true) {
            int t = table[slot];
            if (t == 0) {
                break;
            }
            int c = t - 1;
            if (hashes[c] == h && Arrays.equals(keys[c], 0, keys[c].length, b, from, to)) {
                return c;
            }
            slot = (slot + 1) & mask;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        keys[size] = Arrays.copyOfRange(b, from, to);
        hashes[size] = h;
        table[slot] = size + 1;
        size++;
        if (size * 2 > table.length) {
            rehash();
        }
        return size - 1;
    }

    private void rehash() {
        int[] t = new int[table.length * 2];
        int mask = t.length - 1;
        for (int c = 0; c < size; c++) {
            int slot = hashes[c] & mask;
            while (t[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            t[slot] = c + 1;
        }
        table = t;
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 0x9E3779B9;
        for (int i = from; i < to; i++) {
            h = (h ^ b[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    /** The entries decoded as UTF-8, in code order. */
    String[] strings() {
        String[] s = new String[size];
        for (int c = 0; c < size; c++) {
            s[c] = new String(keys[c], StandardCharsets.UTF_8);
        }
        return s;
    }
}
