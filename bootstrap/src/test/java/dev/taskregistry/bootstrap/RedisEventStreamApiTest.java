package dev.taskregistry.bootstrap;

import dev.taskregistry.redis.testing.TestRedis;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** The change feed over HTTP on Redis: the events come from the registry's stream, read by this worker. */
@HelidonTest
class RedisEventStreamApiTest extends EventStreamApiContract {

    @AddConfigSource
    static ConfigSource redisStore() {
        return RedisStoreConfig.of(TestRedis.url(), TestRedis.uniquePrefix(), "taskregistry.feed.heartbeat", "PT1S");
    }
}
