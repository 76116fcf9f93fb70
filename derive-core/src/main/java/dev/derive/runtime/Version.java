package dev.derive.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The Derive library version, from the build ({@code derive-version.properties}). */
public final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/dev/derive/derive-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
    }

    /** The version string, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String get() {
        return VERSION;
    }
}
