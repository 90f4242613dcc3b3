package dev.taskregistry.bootstrap;

import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisSentinel;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The API contract again, on the master of a Redis Sentinel set (the JVM's shared one,
 * {@code taskregistry.redis.mode=sentinel}), found through its sentinels: the same behaviour.
 */
@HelidonTest
class SentinelTaskApiTest extends TaskApiContract {

    @AddConfigSource
    static ConfigSource sentinelStore() {
        return RedisStoreConfig.onSentinel(TestRedisSentinel.shared(), TestRedis.uniquePrefix());
    }
}
