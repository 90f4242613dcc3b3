package dev.taskregistry.adapters.redis;

import dev.taskregistry.redis.testing.TestRedisCluster;
import java.time.Duration;
import java.util.Set;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClusterClient;

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

    /** On the cluster through a Jedis {@code RedisClusterClient}, its retry budget bounded by the timeout. */
    static RedisTaskRepository onCluster(TestRedisCluster cluster, String prefix) {
        RedisClusterClient client = RedisClusterClient.builder()
                .nodes(Set.copyOf(cluster.nodeAddresses()))
                .clientConfig(DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis((int) TIMEOUT.toMillis())
                        .socketTimeoutMillis((int) TIMEOUT.toMillis())
                        .build())
                .maxTotalRetriesDuration(TIMEOUT)
                .build();
        return new RedisTaskRepository(RedisConnection.of(client), prefix);
    }
}
