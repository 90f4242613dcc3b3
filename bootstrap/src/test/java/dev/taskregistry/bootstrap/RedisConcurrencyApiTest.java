package dev.taskregistry.bootstrap;

import dev.taskregistry.redis.testing.TestRedis;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** Many clients changing the same tasks at once through the API, on one Redis server. */
@HelidonTest
class RedisConcurrencyApiTest extends ConcurrencyApiContract {

    @AddConfigSource
    static ConfigSource redisStore() {
        return RedisStoreConfig.of(TestRedis.url(), TestRedis.uniquePrefix());
    }
}
