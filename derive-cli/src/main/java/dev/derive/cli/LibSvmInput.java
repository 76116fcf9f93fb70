package dev.derive.cli;

import dev.derive.data.Frame;
import dev.derive.data.NumericColumn;
import dev.derive.data.io.MalformedDataException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads LibSVM / svmlight text ({@code label index:value index:value ...}, 1-based increasing indices,
 * {@code #} starts a comment) into a dense {@link Frame} with a numeric column {@code label} followed by
 * {@code f1 .. fD} (absent entries are 0), for the CLI. A stop-gap until derive-core's data readers
 * read this format; errors name the file and line.
 */
final class LibSvmInput {

    private LibSvmInput() {
    }

    static Frame read(Path file) throws IOException {
        String source = file.toString();
        List<Double> labels = new ArrayList<>();
        List<int[]> idx = new ArrayList<>();
        List<double[]> val = new ArrayList<>();
        int dim = 0;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = source.endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            long lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                int hash = line.indexOf('#');
                String s = (hash >= 0 ? line.substring(0, hash) : line).strip();
                if (s.isEmpty()) {
                    continue;
                }
                String[] tok = s.split("\\s+");
                double label;
                try {
                    label = Double.parseDouble(tok[0]);
                } catch (NumberFormatException e) {
                    throw new MalformedDataException(source, lineNo, null, "expected a numeric label first, found '" + tok[0] + "'");
                }
                int[] ix = new int[tok.length - 1];
                double[] vx = new double[tok.length - 1];
                int prev = 0;
                for (int t = 1; t < tok.length; t++) {
                    int colon = tok[t].indexOf(':');
                    if (colon <= 0) {
                        throw new MalformedDataException(source, lineNo, null, "expected index:value, found '" + tok[t] + "'");
                    }
                    int j;
                    double v;
                    try {
                        j = Integer.parseInt(tok[t].substring(0, colon));
                        v = Double.parseDouble(tok[t].substring(colon + 1));
                    } catch (NumberFormatException e) {
                        throw new MalformedDataException(source, lineNo, null, "expected index:value with an integer index and a number, found '"
                                + tok[t] + "'");
                    }
                    if (j <= prev) {
                        throw new MalformedDataException(source, lineNo, null, "indices must be >= 1 and increasing, found " + j
                                + " after " + prev);
                    }
                    prev = j;
                    ix[t - 1] = j;
                    vx[t - 1] = v;
                }
                dim = Math.max(dim, prev);
                labels.add(label);
                idx.add(ix);
                val.add(vx);
            }
        }
        if (labels.isEmpty()) {
            throw new MalformedDataException(source, -1, null, "no data rows (empty file)");
        }
        int n = labels.size();
        double[][] cols = new double[dim][n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = labels.get(i);
            int[] ix = idx.get(i);
            double[] vx = val.get(i);
            for (int t = 0; t < ix.length; t++) {
                cols[ix[t] - 1][i] = vx[t];
            }
        }
        List<dev.derive.data.Column> out = new ArrayList<>(dim + 1);
        out.add(NumericColumn.wrap("label", y));
        for (int j = 0; j < dim; j++) {
            out.add(NumericColumn.wrap("f" + (j + 1), cols[j]));
        }
        return Frame.of(out);
    }
}
