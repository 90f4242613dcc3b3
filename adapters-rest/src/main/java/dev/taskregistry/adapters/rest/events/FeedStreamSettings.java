package dev.taskregistry.adapters.rest.events;

import java.time.Duration;
import java.util.Objects;

/**
 * How event streams and long-polls behave on this worker.
 *
 * @param heartbeat the silence after which a stream sends a comment line, so that proxies keep it open and a
 *     departed client is noticed (a write to it fails)
 * @param maxWait the longest {@code wait} a long-poll may ask for
 */
public record FeedStreamSettings(Duration heartbeat, Duration maxWait) {

    public FeedStreamSettings {
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(maxWait, "maxWait");
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("'heartbeat' must be positive, was " + heartbeat);
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("'max-wait' must be positive, was " + maxWait);
        }
    }
}
