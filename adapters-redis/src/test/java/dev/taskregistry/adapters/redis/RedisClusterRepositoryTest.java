package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.testing.StoreTime;
import dev.taskregistry.domain.testing.TaskRepositoryContract;
import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisCluster;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The repository contract of DESIGN.md §3 on a real Redis Cluster (the JVM's shared one), connected as the
 * service connects ({@link RedisConnection#cluster}), in a fresh key prefix per test.
 */
class RedisClusterRepositoryTest extends TaskRepositoryContract {

    private final TestRedisCluster cluster = TestRedisCluster.shared();
    private final String prefix = TestRedis.uniquePrefix();

    @Override
    protected TaskRepository createRepository() {
        return TestRepositories.onCluster(cluster, prefix);
    }

    @AfterEach
    void deleteThisTestsKeys() {
        // Every key of the prefix lies in one slot, so on one master.
        TestRedis.deleteNamespace(
                prefix, cluster.masterOf("{" + prefix + "}:idx:all").url());
    }

    @Override
    protected StoreTime storeTime() {
        // Redis expires keys by its own clock; the margin covers the gap between it and this JVM's clock.
        return StoreTime.realTime(Duration.ofMillis(400), Duration.ofMillis(60));
    }
}
