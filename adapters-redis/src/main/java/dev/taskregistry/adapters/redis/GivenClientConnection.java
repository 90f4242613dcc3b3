package dev.taskregistry.adapters.redis;

import java.util.Objects;
import java.util.function.Function;
import redis.clients.jedis.UnifiedJedis;

/** A client the caller built ({@link RedisConnection#of}): its failures translated, nothing repeated. */
final class GivenClientConnection implements RedisConnection {

    private final UnifiedJedis client;

    GivenClientConnection(UnifiedJedis client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public <T> T call(String operation, Function<UnifiedJedis, T> work) {
        return StoreFailures.translating(operation, () -> work.apply(client));
    }

    @Override
    public void close() {
        client.close();
    }
}
