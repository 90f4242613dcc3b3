package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.testing.RepositoryWithFeed;
import dev.taskregistry.domain.testing.StoreTime;
import dev.taskregistry.domain.testing.TaskChangeFeedContract;
import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisCluster;
import org.junit.jupiter.api.AfterEach;

/**
 * The change-feed contract on the JVM's shared Redis Cluster, connected as the service connects (the feed's
 * reader on a cluster client of its own), in a fresh key prefix per test: the stream lies in the registry's slot.
 */
class RedisClusterChangeFeedTest extends TaskChangeFeedContract {

    private final TestRedisCluster cluster = TestRedisCluster.shared();
    private final String prefix = TestRedis.uniquePrefix();

    @Override
    protected RepositoryWithFeed createRepositoryWithFeed() {
        RedisTaskRepository repository = RedisTaskRepository.connect(
                TestRepositories.clusterSettings(cluster, prefix), TestRepositories.contractFeed());
        return new RepositoryWithFeed(repository, repository.changeFeed());
    }

    @Override
    protected StoreTime storeTime() {
        return RedisStoreTime.REAL;
    }

    @Override
    protected int retainedChanges() {
        return TestRepositories.contractFeed().retainedChanges();
    }

    @AfterEach
    void deleteThisTestsKeys() {
        // Every key of the prefix lies in one slot, so on one master.
        TestRedis.deleteNamespace(
                prefix, cluster.masterOf("{" + prefix + "}:idx:all").url());
    }
}
