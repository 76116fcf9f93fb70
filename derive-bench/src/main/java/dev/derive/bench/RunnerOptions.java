package dev.derive.bench;

import java.util.HashMap;
import java.util.Map;

/** The {@code --name value} options of the side-by-side runners, over their defaults. */
public final class RunnerOptions {

    private RunnerOptions() {
    }

    /**
     * The defaults with every {@code --name value} pair of {@code args} put over them; a name the defaults do not have
     * is an error that lists the known ones.
     */
    public static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> a = new HashMap<>(defaults);
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--") || !a.containsKey(args[i].substring(2))) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + a.keySet());
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        return a;
    }
}
