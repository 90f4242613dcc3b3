package dev.taskregistry.bootstrap;

import dev.taskregistry.adapters.redis.testing.TestRedis;
import io.helidon.config.mp.MpConfigSources;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** The API contract again, on the Redis store: the same behaviour, now shared by every worker. */
@HelidonTest
class RedisTaskApiTest extends TaskApiContract {

    @AddConfigSource
    static ConfigSource redisStore() {
        return MpConfigSources.create(Map.of(
                "taskregistry.store", "redis",
                "taskregistry.redis.url", TestRedis.url(),
                "taskregistry.redis.key-prefix", TestRedis.uniquePrefix()));
    }
}
