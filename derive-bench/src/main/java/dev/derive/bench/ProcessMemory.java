package dev.derive.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory readings of the running process for the side-by-side runners. */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** The peak resident set size ({@code VmHWM} of {@code /proc/self/status}) in MiB, NaN where unavailable. */
    public static double peakRssMb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return Double.NaN;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}
