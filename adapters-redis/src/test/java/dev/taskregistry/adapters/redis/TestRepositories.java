package dev.taskregistry.adapters.redis;

import java.time.Duration;

/** Repositories for the adapter's own tests, on any Redis URL. */
final class TestRepositories {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private TestRepositories() {}

    static RedisTaskRepository on(String url, String prefix, Duration timeout) {
        return on(new RedisStoreSettings(url, prefix, timeout));
    }

    static RedisTaskRepository on(RedisStoreSettings settings) {
        return new RedisTaskRepository(RedisConnection.standalone(settings), settings.keyPrefix());
    }
}
