package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.testing.RepositoryWithFeed;
import dev.taskregistry.domain.testing.StoreTime;
import dev.taskregistry.domain.testing.TaskChangeFeedContract;
import dev.taskregistry.redis.testing.TestRedis;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The change-feed contract of DESIGN.md §10 on a registry spread over 16 shards of one Redis server (one stream per
 * shard), connected as the service connects, in a fresh key prefix per test.
 */
class RedisShardedChangeFeedTest extends TaskChangeFeedContract {

    private final String prefix = TestRedis.uniquePrefix();

    @Override
    protected RepositoryWithFeed createRepositoryWithFeed() {
        RedisTaskRepository repository = RedisTaskRepository.connect(
                new RedisStoreSettings(TestRedis.url(), prefix, TestRepositories.TIMEOUT)
                        .withShards(RedisShardedRepositoryTest.SHARDS),
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
        TestRedis.deleteShardedNamespace(prefix, List.of(TestRedis.url()));
    }
}
