package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.testing.StoreTime;
import dev.taskregistry.domain.testing.TaskRepositoryContract;
import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisSentinel;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisSentinelClient;

/**
 * The repository contract of DESIGN.md §3 on a real Redis Sentinel set (the JVM's shared one), through a Jedis
 * {@code RedisSentinelClient} given to {@link RedisConnection#of}, in a fresh key prefix per test.
 */
class RedisSentinelRepositoryTest extends TaskRepositoryContract {

    private static final int TIMEOUT_MILLIS = 2000;

    private final TestRedisSentinel sentinel = TestRedisSentinel.shared();
    private final String prefix = TestRedis.uniquePrefix();

    @Override
    protected TaskRepository createRepository() {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS)
                .socketTimeoutMillis(TIMEOUT_MILLIS)
                .build();
        RedisSentinelClient client = RedisSentinelClient.builder()
                .masterName(TestRedisSentinel.MASTER_NAME)
                .sentinels(Set.copyOf(sentinel.sentinelAddresses()))
                .clientConfig(config)
                .sentinelClientConfig(config)
                .build();
        return new RedisTaskRepository(RedisConnection.of(client), prefix);
    }

    @AfterEach
    void deleteThisTestsKeys() {
        TestRedis.deleteNamespace(prefix, sentinel.master().url());
    }

    @Override
    protected StoreTime storeTime() {
        // Redis expires keys by its own clock; the margin covers the gap between it and this JVM's clock.
        return StoreTime.realTime(Duration.ofMillis(400), Duration.ofMillis(60));
    }
}
