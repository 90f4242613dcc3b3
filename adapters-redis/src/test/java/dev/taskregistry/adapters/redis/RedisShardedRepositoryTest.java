package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.testing.StoreTime;
import dev.taskregistry.domain.testing.TaskRepositoryContract;
import dev.taskregistry.redis.testing.TestRedis;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The repository contract of DESIGN.md §3 on a registry spread over 16 shards of one real Redis (DESIGN.md §9). */
class RedisShardedRepositoryTest extends TaskRepositoryContract {

    static final int SHARDS = 16;

    private final String prefix = TestRedis.uniquePrefix();

    @Override
    protected TaskRepository createRepository() {
        return RedisTaskRepository.connect(
                new RedisStoreSettings(TestRedis.url(), prefix, TestRepositories.TIMEOUT).withShards(SHARDS));
    }

    @AfterEach
    void deleteThisTestsKeys() {
        TestRedis.deleteShardedNamespace(prefix, List.of(TestRedis.url()));
    }

    @Override
    protected StoreTime storeTime() {
        // Redis expires keys by its own clock; the margin covers the gap between it and this JVM's clock.
        return StoreTime.realTime(Duration.ofMillis(400), Duration.ofMillis(60));
    }
}
