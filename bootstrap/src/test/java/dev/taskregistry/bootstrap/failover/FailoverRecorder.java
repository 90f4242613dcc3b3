package dev.taskregistry.bootstrap.failover;

import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import dev.taskregistry.bootstrap.workers.AnswerTally;
import java.util.ArrayList;
import java.util.List;

/**
 * What the writers of one failover run saw, from all their threads: every answer by operation and status, the
 * instants of the 503s, the slowest answer, the writes acknowledged per worker, the acknowledged writes found
 * lost, and the violations (anything that breaks the run's claims). Nothing here throws: a run is judged on
 * the whole record.
 */
final class FailoverRecorder {

    private static final int SAMPLES_KEPT = 10;

    private final LossPolicy policy;
    private final long startedNanos = System.nanoTime();
    private final AnswerTally answers = new AnswerTally();
    private final long[] acknowledged;
    private final List<Long> unavailableAt = new ArrayList<>();
    private final List<Long> acknowledgedAt = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final List<String> lossSamples = new ArrayList<>();
    private long failoverBeganNanos = -1;
    private long healedNanos = -1;
    private long slowestNanos;
    private String slowest = "none";
    private int total;
    private int lostWrites;
    private int tasksGone;

    FailoverRecorder(LossPolicy policy, int workers) {
        this.policy = policy;
        this.acknowledged = new long[workers];
    }

    synchronized void failoverBegins() {
        failoverBeganNanos = System.nanoTime();
    }

    /** The failover and the deployment's healing are over: every master serving, every replica in sync. */
    synchronized void deploymentHealed() {
        healedNanos = System.nanoTime();
    }

    /** Times one answer; 503s are kept for the unavailability window. Whether it was expected is told apart. */
    synchronized void answered(String operation, ApiResponse response, long tookNanos) {
        total++;
        if (failoverBeganNanos >= 0 && tookNanos > slowestNanos) {
            slowestNanos = tookNanos;
            slowest = operation + " " + response.status();
        }
        if (response.status() == 503) {
            unavailableAt.add(System.nanoTime());
        }
    }

    synchronized void expected(String operation, int status) {
        answers.expected(operation, status);
    }

    synchronized void unexpected(String operation, int status, String what) {
        answers.unexpected(operation, status, what);
    }

    synchronized void noAnswer(String operation, Throwable cause, long tookNanos) {
        total++;
        answers.unexpected(
                operation,
                AnswerTally.TRANSPORT_FAILURE,
                cause + " after " + tookNanos / 1_000_000 + " ms (the client's bound against hanging)");
    }

    synchronized void acknowledged(int worker) {
        acknowledged[worker]++;
        acknowledgedAt.add(System.nanoTime());
    }

    synchronized long[] acknowledgedPerWorker() {
        return acknowledged.clone();
    }

    /** {@code writes} acknowledged writes of {@code task} are not in the store any more. */
    synchronized void lost(TrackedTask task, int writes, String how) {
        lostWrites += writes;
        String what = task.id() + ": " + writes + " acknowledged write(s) lost, " + how;
        if (lossSamples.size() < SAMPLES_KEPT) {
            lossSamples.add(what);
        }
        if (policy == LossPolicy.NONE_ALLOWED) {
            violation("lost " + what);
        }
    }

    /** A task answered 404 while its writer had writes acknowledged for it. */
    synchronized void gone(TrackedTask task, String operation, ApiResponse response) {
        tasksGone++;
        task.markGone();
        if (policy == LossPolicy.NONE_ALLOWED) {
            answers.unexpected(operation, response.status(), task + ": " + response.body());
        } else {
            answers.expected(operation, response.status());
        }
        lost(task, task.version(), "the task answered 404 to " + operation);
    }

    /**
     * A task that answered 404 during the run reads back at the end. Where asynchronous replication may lose writes,
     * a second promotion can bring back the copy another replica held (Sentinel has failed over twice in a row
     * after a SIGKILL): counted beside the losses. Where no loss is allowed, that 404 reported a failover as "not
     * found": a violation.
     */
    synchronized void reappeared(TrackedTask task, ApiResponse read) {
        String what = task + " was answered 404 during the run but reads back " + read.status() + " at version "
                + read.json().path("version").asText("?");
        if (policy == LossPolicy.NONE_ALLOWED) {
            violation(what);
        } else if (lossSamples.size() < SAMPLES_KEPT) {
            lossSamples.add(what + " (a copy another replica held, promoted after the one that lacked it)");
        }
    }

    synchronized void violation(String what) {
        violations.add(what);
    }

    synchronized FailoverOutcome outcome(String label, boolean recoveredOnEveryWorker, long[] afterRecovery) {
        long began = failoverBeganNanos < 0 ? startedNanos : failoverBeganNanos;
        List<Long> offsets =
                unavailableAt.stream().map(at -> (at - began) / 1_000_000).toList();
        long longestGap = 0;
        for (int i = 1; i < acknowledgedAt.size(); i++) {
            if (acknowledgedAt.get(i) > began) {
                longestGap = Math.max(longestGap, acknowledgedAt.get(i) - Math.max(acknowledgedAt.get(i - 1), began));
            }
        }
        return new FailoverOutcome(
                label,
                total,
                answers.describe(),
                answers.unexpectedCount(),
                List.copyOf(violations),
                offsets,
                healedNanos < 0 ? -1 : (healedNanos - began) / 1_000_000,
                longestGap / 1_000_000,
                slowestNanos / 1_000_000,
                slowest,
                lostWrites,
                tasksGone,
                List.copyOf(lossSamples),
                recoveredOnEveryWorker,
                afterRecovery);
    }
}
