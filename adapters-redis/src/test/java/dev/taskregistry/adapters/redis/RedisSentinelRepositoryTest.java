package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.testing.StoreTime;
import dev.taskregistry.domain.testing.TaskRepositoryContract;
import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisSentinel;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The repository contract of DESIGN.md §3 on a real Redis Sentinel set (the JVM's shared one), connected as the
 * service connects ({@link RedisConnection#sentinel}), in a fresh key prefix per test.
 */
class RedisSentinelRepositoryTest extends TaskRepositoryContract {

    private final TestRedisSentinel sentinel = TestRedisSentinel.shared();
    private final String prefix = TestRedis.uniquePrefix();

    @Override
    protected TaskRepository createRepository() {
        return TestRepositories.onSentinel(sentinel, prefix);
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
