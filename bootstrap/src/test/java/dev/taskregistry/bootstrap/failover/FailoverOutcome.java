package dev.taskregistry.bootstrap.failover;

import java.util.Arrays;
import java.util.List;

/**
 * What one failover run saw, as figures to print (never judged against a time) and as outcomes to assert: the
 * unexpected answers and violations, the acknowledged writes lost, the 503s, the recovery on every worker.
 *
 * @param unavailableAtMillis the instants of the 503 answers, in ms after the failover began
 * @param healedAfterMillis   how long the failover and the deployment's healing took (-1: it did not end)
 * @param longestGapMillis    the longest time after the failover began in which no write was acknowledged (any worker)
 */
record FailoverOutcome(
        String label,
        int answers,
        String answersByStatus,
        int unexpectedAnswers,
        List<String> violations,
        List<Long> unavailableAtMillis,
        long healedAfterMillis,
        long longestGapMillis,
        long slowestMillis,
        String slowest,
        int lostWrites,
        int tasksGone,
        List<String> lossSamples,
        boolean recoveredOnEveryWorker,
        long[] acknowledgedAfterRecovery) {

    /** Unexpected answers plus violations: zero for a run that kept every claim. */
    int problems() {
        return unexpectedAnswers + violations.size();
    }

    int unavailableAnswers() {
        return unavailableAtMillis.size();
    }

    String report() {
        String nl = System.lineSeparator();
        StringBuilder text = new StringBuilder();
        text.append("failover [").append(label).append("]").append(nl);
        if (unavailableAtMillis.isEmpty()) {
            text.append("  unavailability: no 503 in ")
                    .append(answers)
                    .append(" answers")
                    .append(nl);
        } else {
            long first = unavailableAtMillis.stream()
                    .mapToLong(Long::longValue)
                    .min()
                    .orElseThrow();
            long last = unavailableAtMillis.stream()
                    .mapToLong(Long::longValue)
                    .max()
                    .orElseThrow();
            text.append(String.format(
                    "  unavailability: %d answers 503 of %d, first at +%d ms, last at +%d ms after the failover began:"
                            + " a window of %d ms%n",
                    unavailableAtMillis.size(), answers, first, last, last - first));
        }
        text.append(String.format(
                "  deployment healthy again (every master serving, every replica in sync) after %d ms%n",
                healedAfterMillis));
        text.append(String.format(
                "  since the failover began: longest time without an acknowledged write %d ms; slowest answer %d ms"
                        + " (%s)%n",
                longestGapMillis, slowestMillis, slowest));
        text.append(String.format("  acknowledged writes lost: %d (tasks gone: %d)%n", lostWrites, tasksGone));
        lossSamples.forEach(sample -> text.append("    ").append(sample).append(nl));
        text.append("  writes acknowledged per worker after the deployment healed: ")
                .append(Arrays.toString(acknowledgedAfterRecovery))
                .append(recoveredOnEveryWorker ? "" : " (NOT recovered on every worker)")
                .append(nl);
        text.append("  answers by operation and status:").append(nl);
        answersByStatus.lines().forEach(line -> text.append("    ").append(line).append(nl));
        text.append("  violations: ").append(violations.size()).append(nl);
        violations.stream()
                .limit(10)
                .forEach(line -> text.append("    ").append(line).append(nl));
        return text.toString();
    }
}
