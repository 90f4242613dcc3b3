package dev.taskregistry.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When a task was created, last changed, started and ended, and when it is gone for every reader
 * ({@code expiresAt}, after {@code createdAt}). Instants are kept with millisecond precision, the one both
 * stores keep. Which of them a status requires is {@link Task}'s rule, not this type's.
 */
public record TaskLifetime(
        Instant createdAt, Instant updatedAt, Instant startedAt, Instant completedAt, Instant expiresAt) {

    public TaskLifetime {
        required(TaskField.CREATED_AT, createdAt);
        required(TaskField.UPDATED_AT, updatedAt);
        required(TaskField.EXPIRES_AT, expiresAt);
        createdAt = millis(createdAt);
        updatedAt = millis(updatedAt);
        startedAt = millis(startedAt);
        completedAt = millis(completedAt);
        expiresAt = millis(expiresAt);
        if (!expiresAt.isAfter(createdAt)) {
            throw new InvalidTaskField(TaskField.EXPIRES_AT, "must be after ", TaskField.CREATED_AT);
        }
        // No order is required between created_at, updated_at, started_at and completed_at: each worker
        // stamps them from its own clock, so a document written by a worker whose clock is a little behind
        // another's (or by the original service) can hold them out of order and must still be read.
    }

    /** A task's lifetime from its registration at {@code now} until {@code now + ttl}. */
    public static TaskLifetime registeredAt(Instant now, Duration ttl) {
        return new TaskLifetime(now, now, null, null, now.plus(ttl));
    }

    /** Changed at {@code now}; started then too, when it had not started yet. */
    TaskLifetime changedAt(Instant now, boolean starts, boolean ends) {
        return new TaskLifetime(
                createdAt, now, starts && startedAt == null ? now : startedAt, ends ? now : completedAt, expiresAt);
    }

    /** The same lifetime ending at {@code value}, also before the minimum TTL, as a store may hold it. */
    public TaskLifetime withExpiresAt(Instant value) {
        return new TaskLifetime(createdAt, updatedAt, startedAt, completedAt, value);
    }

    /** Lives at least until {@code until}; a longer expiry is kept. */
    TaskLifetime retainedUntil(Instant until) {
        return until.isAfter(expiresAt) ? withExpiresAt(until) : this;
    }

    private static void required(TaskField field, Instant instant) {
        if (instant == null) {
            throw new InvalidTaskField(field, "is required");
        }
    }

    static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
