package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.testing.RepositoryWithFeed;
import dev.taskregistry.domain.testing.StoreTime;
import dev.taskregistry.domain.testing.TaskChangeFeedContract;
import dev.taskregistry.redis.testing.TestRedis;
import org.junit.jupiter.api.AfterEach;

/** The change-feed contract of DESIGN.md §10 on one Redis server, in a fresh key namespace per test. */
class RedisTaskChangeFeedTest extends TaskChangeFeedContract {

    private final String prefix = TestRedis.uniquePrefix();

    @Override
    protected RepositoryWithFeed createRepositoryWithFeed() {
        RedisTaskRepository repository = TestRepositories.withFeed(
                new RedisStoreSettings(TestRedis.url(), prefix, TestRepositories.TIMEOUT),
                TestRepositories.contractFeed());
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
        TestRedis.deleteNamespace(prefix);
    }
}
