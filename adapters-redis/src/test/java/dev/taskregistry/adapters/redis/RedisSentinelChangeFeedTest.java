package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.testing.RepositoryWithFeed;
import dev.taskregistry.domain.testing.StoreTime;
import dev.taskregistry.domain.testing.TaskChangeFeedContract;
import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisSentinel;
import org.junit.jupiter.api.AfterEach;

/**
 * The change-feed contract on the JVM's shared Redis Sentinel set, connected as the service connects (the feed's
 * reader on a Sentinel client of its own), in a fresh key prefix per test.
 */
class RedisSentinelChangeFeedTest extends TaskChangeFeedContract {

    private final TestRedisSentinel sentinel = TestRedisSentinel.shared();
    private final String prefix = TestRedis.uniquePrefix();

    @Override
    protected RepositoryWithFeed createRepositoryWithFeed() {
        RedisTaskRepository repository = RedisTaskRepository.connect(
                TestRepositories.sentinelSettings(sentinel, prefix), TestRepositories.contractFeed());
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
        TestRedis.deleteNamespace(prefix, sentinel.master().url());
    }
}
