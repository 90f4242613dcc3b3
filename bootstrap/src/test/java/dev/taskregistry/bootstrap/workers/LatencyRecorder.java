package dev.taskregistry.bootstrap.workers;

import java.util.ArrayList;
import java.util.List;

/** Request latencies of one kind, for percentiles in a load report. */
final class LatencyRecorder {

    private final List<Long> nanos = new ArrayList<>();

    synchronized void record(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    synchronized long count() {
        return nanos.size();
    }

    synchronized double percentileMillis(int percentile) {
        if (nanos.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1_000_000.0;
    }
}
