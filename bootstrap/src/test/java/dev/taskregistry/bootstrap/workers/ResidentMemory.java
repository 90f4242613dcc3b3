package dev.taskregistry.bootstrap.workers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Samples a process's resident memory (VmRSS, Linux /proc) for load reports. */
final class ResidentMemory {

    private final Path status;
    private long maxKb;
    private long lastKb;

    ResidentMemory(long pid) {
        this.status = Path.of("/proc", Long.toString(pid), "status");
    }

    /** The current resident memory in KiB. */
    long sample() {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    lastKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    maxKb = Math.max(maxKb, lastKb);
                    return lastKb;
                }
            }
            throw new IllegalStateException("no VmRSS in " + status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long maxKb() {
        return maxKb;
    }

    long lastKb() {
        return lastKb;
    }
}
