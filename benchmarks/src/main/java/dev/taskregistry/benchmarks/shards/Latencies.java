package dev.taskregistry.benchmarks.shards;

import java.util.Arrays;

/** Per-call times of one measurement, in nanoseconds: its median and 99th percentile. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int count;

    void add(long callNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = callNanos;
    }

    int count() {
        return count;
    }

    double medianMicros() {
        return percentileMicros(0.50);
    }

    double p99Micros() {
        return percentileMicros(0.99);
    }

    /** Nearest rank: the smallest time at least {@code fraction} of the calls took at most. */
    double percentileMicros(double fraction) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(fraction * count);
        return sorted[Math.max(0, rank - 1)] / 1e3;
    }

    /** The median of some values (NaN when there are none): of rounds, of ratios. */
    static double median(double... values) {
        double[] known =
                Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (known.length == 0) {
            return Double.NaN;
        }
        int middle = known.length / 2;
        return known.length % 2 == 1 ? known[middle] : (known[middle - 1] + known[middle]) / 2;
    }

    /** The largest deviation of any value from their mean, as a fraction of the mean. */
    static double spread(double... values) {
        double mean = Arrays.stream(values).average().orElse(Double.NaN);
        return Arrays.stream(values).map(v -> Math.abs(v - mean)).max().orElse(Double.NaN) / mean;
    }
}
