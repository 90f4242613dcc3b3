package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.testing.StoreTime;
import dev.taskregistry.domain.testing.TaskRepositoryContract;
import dev.taskregistry.redis.testing.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** The repository contract of DESIGN.md §3 on a real Redis, in a fresh key namespace per test. */
class RedisTaskRepositoryTest extends TaskRepositoryContract {

    private final String prefix = TestRedis.uniquePrefix();

    @Override
    protected TaskRepository createRepository() {
        return TestRepositories.on(TestRedis.url(), prefix, Duration.ofSeconds(2));
    }

    @AfterEach
    void deleteThisTestsKeys() {
        TestRedis.deleteNamespace(prefix);
    }

    @Override
    protected StoreTime storeTime() {
        // Redis expires keys by its own clock; the margin covers the gap between it and this JVM's clock.
        return StoreTime.realTime(Duration.ofMillis(400), Duration.ofMillis(60));
    }
}
