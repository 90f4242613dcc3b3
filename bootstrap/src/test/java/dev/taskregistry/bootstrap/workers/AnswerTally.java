package dev.taskregistry.bootstrap.workers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a load run was answered, per operation and status (or transport failure), with the first few
 * unexpected answers kept whole, so that a failed run says what it saw instead of crashing on it.
 */
public final class AnswerTally {

    /** Stands for "no HTTP answer at all" (connection refused, reset, timed out). */
    public static final int TRANSPORT_FAILURE = 0;

    private static final int SAMPLES_KEPT = 10;

    private final Map<String, Map<Integer, Integer>> counts = new TreeMap<>();
    private final List<String> unexpectedSamples = new ArrayList<>();
    private int unexpected;

    public synchronized void expected(String operation, int status) {
        count(operation, status);
    }

    public synchronized void unexpected(String operation, int status, String what) {
        count(operation, status);
        unexpected++;
        if (unexpectedSamples.size() < SAMPLES_KEPT) {
            unexpectedSamples.add(
                    operation + " -> " + (status == TRANSPORT_FAILURE ? "no answer" : status) + ": " + what);
        }
    }

    public synchronized int unexpectedCount() {
        return unexpected;
    }

    public synchronized int serverErrors() {
        return counts.values().stream()
                .flatMap(byStatus -> byStatus.entrySet().stream())
                .filter(entry -> entry.getKey() >= 500)
                .mapToInt(Map.Entry::getValue)
                .sum();
    }

    /** One line per operation ({@code get: 200 x 5120, 503 x 2}) and the samples of unexpected answers. */
    public synchronized String describe() {
        StringBuilder text = new StringBuilder();
        counts.forEach((operation, byStatus) -> {
            text.append(String.format("%-9s", operation));
            byStatus.forEach((status, count) -> text.append(' ')
                    .append(status == TRANSPORT_FAILURE ? "no-answer" : status)
                    .append(" x ")
                    .append(count));
            text.append(System.lineSeparator());
        });
        text.append("unexpected answers: ").append(unexpected).append(System.lineSeparator());
        unexpectedSamples.forEach(sample -> text.append("  ").append(sample).append(System.lineSeparator()));
        return text.toString();
    }

    private void count(String operation, int status) {
        counts.computeIfAbsent(operation, name -> new TreeMap<>()).merge(status, 1, Integer::sum);
    }
}
