package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.testing.StoreTime;
import dev.taskregistry.domain.testing.TaskRepositoryContract;
import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisCluster;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The repository contract of DESIGN.md §3 on a registry spread over 16 shards of the JVM's shared Redis Cluster
 * (DESIGN.md §9), so over its three masters, connected as the service connects.
 */
class RedisClusterShardedRepositoryTest extends TaskRepositoryContract {

    private final TestRedisCluster cluster = TestRedisCluster.shared();
    private final String prefix = TestRedis.uniquePrefix();

    @Override
    protected TaskRepository createRepository() {
        return RedisTaskRepository.connect(
                TestRepositories.clusterSettings(cluster, prefix).withShards(RedisShardedRepositoryTest.SHARDS));
    }

    @AfterEach
    void deleteThisTestsKeys() {
        TestRedis.deleteShardedNamespace(
                prefix, TestRepositories.mastersOf(cluster, prefix, RedisShardedRepositoryTest.SHARDS));
    }

    @Override
    protected StoreTime storeTime() {
        // Redis expires keys by its own clock; the margin covers the gap between it and this JVM's clock.
        return StoreTime.realTime(Duration.ofMillis(400), Duration.ofMillis(60));
    }
}
