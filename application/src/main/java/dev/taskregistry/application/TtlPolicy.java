package dev.taskregistry.application;

import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskField;
import java.time.Duration;
import java.util.Objects;

/**
 * How long tasks live: the TTL of a registration that names none, the largest TTL accepted, and the
 * minimum time a finished task stays readable.
 */
public record TtlPolicy(Duration defaultTtl, Duration maxTtl, Duration resultRetention) {

    public TtlPolicy {
        Objects.requireNonNull(defaultTtl, "defaultTtl");
        Objects.requireNonNull(maxTtl, "maxTtl");
        Objects.requireNonNull(resultRetention, "resultRetention");
        if (maxTtl.compareTo(Task.MIN_TTL) < 0) {
            throw new IllegalArgumentException("max TTL must be at least " + Task.MIN_TTL + ", was " + maxTtl);
        }
        if (defaultTtl.compareTo(Task.MIN_TTL) < 0 || defaultTtl.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException("default TTL must be between " + Task.MIN_TTL + " and the max TTL "
                    + maxTtl + ", was " + defaultTtl);
        }
        if (resultRetention.isNegative()) {
            throw new IllegalArgumentException("result retention must not be negative, was " + resultRetention);
        }
    }

    /** The TTL a client asked for, in whole seconds, or the default when it asked for none. */
    public Duration ttlFor(Long requestedSeconds) {
        if (requestedSeconds == null) {
            return defaultTtl;
        }
        long max = maxTtl.toSeconds();
        if (requestedSeconds < Task.MIN_TTL.toSeconds() || requestedSeconds > max) {
            throw new InvalidTaskField(
                    TaskField.TTL,
                    "must be between " + Task.MIN_TTL.toSeconds() + " and " + max + ", was " + requestedSeconds);
        }
        return Duration.ofSeconds(requestedSeconds);
    }
}
