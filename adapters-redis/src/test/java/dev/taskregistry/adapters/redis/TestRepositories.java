package dev.taskregistry.adapters.redis;

import dev.taskregistry.adapters.redis.testing.TestRedis;
import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.RedisClient;

/** Repositories and plain Redis clients for the adapter's own tests. */
final class TestRepositories {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private TestRepositories() {
    }

    static RedisTaskRepository onSharedRedis(String prefix) {
        return new RedisTaskRepository(new RedisStoreSettings(TestRedis.url(), prefix, TIMEOUT));
    }

    static RedisTaskRepository on(String url, String prefix, Duration timeout) {
        return new RedisTaskRepository(new RedisStoreSettings(url, prefix, timeout));
    }

    /** A client that sees Redis as it is, without the registry's codec or scripts. */
    static RedisClient plainClient(String url) {
        return RedisClient.create(URI.create(url));
    }
}
