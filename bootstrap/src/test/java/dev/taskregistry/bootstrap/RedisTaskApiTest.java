package dev.taskregistry.bootstrap;

import dev.taskregistry.redis.testing.TestRedis;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** The API contract again, on the Redis store: the same behaviour, now shared by every worker. */
@HelidonTest
class RedisTaskApiTest extends TaskApiContract {

    @AddConfigSource
    static ConfigSource redisStore() {
        return RedisStoreConfig.of(TestRedis.url(), TestRedis.uniquePrefix());
    }
}
