package dev.taskregistry.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A long-running piece of work and what is known about it. Immutable: every change returns the next
 * version of the task or throws a domain error. The canonical constructor is the one way to rebuild
 * a task from storage; it checks the invariants and truncates instants to milliseconds, the
 * precision both stores keep.
 */
public record Task(
        TaskId id,
        TaskType type,
        TaskStatus status,
        String resourceUrl,
        Instant estimatedCompletion,
        double progress,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant completedAt,
        String query,
        int completedSteps,
        Integer totalSteps,
        TaskResult result,
        String error,
        Instant expiresAt,
        long version) {

    /** The shortest time a task may live. */
    public static final Duration MIN_TTL = Duration.ofSeconds(1);
    /** Longest accepted query or error text. */
    public static final int MAX_TEXT_LENGTH = 10_000;

    public Task {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(resourceUrl, "resourceUrl");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        estimatedCompletion = millis(estimatedCompletion);
        createdAt = millis(createdAt);
        updatedAt = millis(updatedAt);
        startedAt = millis(startedAt);
        completedAt = millis(completedAt);
        expiresAt = millis(expiresAt);
        if (!(progress >= 0.0 && progress <= 1.0)) {
            throw new InvalidTaskField(TaskField.PROGRESS, "must be between 0.0 and 1.0, was " + progress);
        }
        if (completedSteps < 0) {
            throw new InvalidTaskField(TaskField.COMPLETED_STEPS, "must not be negative, was " + completedSteps);
        }
        if (totalSteps != null && (totalSteps < 0 || completedSteps > totalSteps)) {
            throw new InvalidTaskField(TaskField.COMPLETED_STEPS,
                    "must be between 0 and ", TaskField.TOTAL_STEPS, " (" + totalSteps + "), was " + completedSteps);
        }
        checkText(TaskField.QUERY, query);
        checkText(TaskField.ERROR, error);
        if (!expiresAt.isAfter(createdAt)) {
            throw new InvalidTaskField(TaskField.EXPIRES_AT, "must be after ", TaskField.CREATED_AT);
        }
        if (version < 1) {
            throw new InvalidTaskField(TaskField.VERSION, "must be at least 1, was " + version);
        }
    }

    /** A new PENDING task, version 1, living until {@code now + ttl}. */
    public static Task register(TaskRegistration registration, Instant now, Duration ttl) {
        checkTtl(ttl);
        return new Task(registration.id(), registration.type(), TaskStatus.PENDING, registration.resourceUrl(),
                registration.estimatedCompletion(), 0.0, now, now, null, null, registration.query(),
                0, registration.totalSteps(), null, null, now.plus(ttl), 1);
    }

    /** PENDING to RUNNING. */
    public Task start(Instant now) {
        if (status != TaskStatus.PENDING) {
            throw new IllegalTaskTransition(id, status, "start");
        }
        return next(TaskStatus.RUNNING, progress, completedSteps, totalSteps, null, null, expiresAt, now);
    }

    /** Records progress; a report on a PENDING task starts it. */
    public Task reportProgress(ProgressReport report, Instant now) {
        requireNotTerminal("report progress");
        Integer newTotal = report.totalSteps() != null ? report.totalSteps() : totalSteps;
        int newCompleted = report.completedSteps() != null ? report.completedSteps() : completedSteps;
        if (newTotal != null && newCompleted > newTotal) {
            throw new InvalidTaskField(TaskField.COMPLETED_STEPS,
                    "must not exceed ", TaskField.TOTAL_STEPS, " (" + newTotal + "), was " + newCompleted);
        }
        double newProgress = progressFor(report, newCompleted, newTotal);
        return next(TaskStatus.RUNNING, newProgress, newCompleted, newTotal, null, null, expiresAt, now);
    }

    /** Finishes the task with an optional result; progress becomes 1.0 and the result is retained. */
    public Task complete(TaskResult taskResult, Instant now, Duration resultRetention) {
        requireNotTerminal("complete");
        int steps = totalSteps != null ? totalSteps : completedSteps;
        return next(TaskStatus.COMPLETED, 1.0, steps, totalSteps, taskResult, null, retained(now, resultRetention), now);
    }

    /** Ends the task as failed with a reason the client can read until the retention runs out. */
    public Task fail(String reason, Instant now, Duration resultRetention) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidTaskField(TaskField.ERROR, "is required and must not be blank");
        }
        checkText(TaskField.ERROR, reason);
        requireNotTerminal("fail");
        return next(TaskStatus.FAILED, progress, completedSteps, totalSteps, null, reason, retained(now, resultRetention), now);
    }

    /** Ends the task as cancelled. */
    public Task cancel(Instant now, Duration resultRetention) {
        requireNotTerminal("cancel");
        return next(TaskStatus.CANCELLED, progress, completedSteps, totalSteps, null, null, retained(now, resultRetention), now);
    }

    /** Sets a new lifetime counted from now; the one change a terminal task still accepts. */
    public Task withTtl(Duration ttl, Instant now) {
        checkTtl(ttl);
        return next(status, progress, completedSteps, totalSteps, result, error, now.plus(ttl), now);
    }

    /** True once the task's lifetime has run out: it is then gone for every reader. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** The task's place in listings. */
    public ListingKey listingKey() {
        return new ListingKey(expiresAt, id);
    }

    static void checkText(TaskField field, String text) {
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidTaskField(field, "must be at most " + MAX_TEXT_LENGTH + " characters, was " + text.length());
        }
        UnicodeText.requireWellFormed(field, text);
    }

    private static void checkTtl(Duration ttl) {
        if (ttl == null || ttl.compareTo(MIN_TTL) < 0) {
            throw new InvalidTaskField(TaskField.TTL, "must be at least " + MIN_TTL.toSeconds() + " s, was " + ttl);
        }
    }

    private void requireNotTerminal(String attempted) {
        if (status.isTerminal()) {
            throw new IllegalTaskTransition(id, status, attempted);
        }
    }

    private double progressFor(ProgressReport report, int newCompleted, Integer newTotal) {
        if (newTotal == null) {
            return report.progress() != null ? report.progress() : progress;
        }
        double derived = (double) newCompleted / newTotal;
        if (report.progress() != null && Math.abs(report.progress() - derived) > 1e-9) {
            throw new InvalidTaskField(TaskField.PROGRESS, "must equal ", TaskField.COMPLETED_STEPS, " / ", TaskField.TOTAL_STEPS,
                    " (" + derived + ") when ", TaskField.TOTAL_STEPS, " is known, was " + report.progress());
        }
        return derived;
    }

    private Instant retained(Instant now, Duration resultRetention) {
        Instant retainedUntil = now.plus(resultRetention);
        return retainedUntil.isAfter(expiresAt) ? retainedUntil : expiresAt;
    }

    private Task next(TaskStatus newStatus, double newProgress, int newCompleted, Integer newTotal,
                      TaskResult newResult, String newError, Instant newExpiresAt, Instant now) {
        Instant newStartedAt = startedAt == null && newStatus == TaskStatus.RUNNING ? now : startedAt;
        Instant newCompletedAt = newStatus.isTerminal() && !status.isTerminal() ? now : completedAt;
        return new Task(id, type, newStatus, resourceUrl, estimatedCompletion, newProgress, createdAt, now,
                newStartedAt, newCompletedAt, query, newCompleted, newTotal, newResult, newError, newExpiresAt,
                version + 1);
    }

    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
