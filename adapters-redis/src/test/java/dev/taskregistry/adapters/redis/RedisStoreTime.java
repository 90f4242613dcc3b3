package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.testing.StoreTime;
import java.time.Duration;

/** The time a Redis-backed repository follows in tests: Redis' own clock, with a margin for the JVM's. */
final class RedisStoreTime {

    /** Redis expires keys by its own clock; the margin covers the gap between it and this JVM's clock. */
    static final StoreTime REAL = StoreTime.realTime(Duration.ofMillis(400), Duration.ofMillis(60));

    private RedisStoreTime() {}
}
