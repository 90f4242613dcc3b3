package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.testing.RepositoryWithFeed;
import dev.taskregistry.domain.testing.StoreTime;
import dev.taskregistry.domain.testing.TaskChangeFeedContract;
import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisCluster;
import org.junit.jupiter.api.AfterEach;

/**
 * The change-feed contract on a registry spread over 16 shards of the JVM's shared Redis Cluster, so over its three
 * masters' clocks and with one reader per shard, connected as the service connects.
 */
class RedisClusterShardedChangeFeedTest extends TaskChangeFeedContract {

    private final TestRedisCluster cluster = TestRedisCluster.shared();
    private final String prefix = TestRedis.uniquePrefix();

    @Override
    protected RepositoryWithFeed createRepositoryWithFeed() {
        RedisTaskRepository repository = RedisTaskRepository.connect(
                TestRepositories.clusterSettings(cluster, prefix).withShards(RedisShardedRepositoryTest.SHARDS),
                TestRepositories.shardedContractFeed(RedisShardedRepositoryTest.SHARDS));
        return new RepositoryWithFeed(repository, repository.changeFeed());
    }

    @Override
    protected StoreTime storeTime() {
        return RedisStoreTime.REAL;
    }

    @Override
    protected int retainedChanges() {
        return TestRepositories.shardedContractRetention(RedisShardedRepositoryTest.SHARDS);
    }

    @AfterEach
    void deleteThisTestsKeys() {
        TestRedis.deleteShardedNamespace(
                prefix, TestRepositories.mastersOf(cluster, prefix, RedisShardedRepositoryTest.SHARDS));
    }
}
