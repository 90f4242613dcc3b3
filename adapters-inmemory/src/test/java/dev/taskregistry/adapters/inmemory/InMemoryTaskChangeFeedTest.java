package dev.taskregistry.adapters.inmemory;

import dev.taskregistry.domain.testing.MutableClock;
import dev.taskregistry.domain.testing.RepositoryWithFeed;
import dev.taskregistry.domain.testing.StoreTime;
import dev.taskregistry.domain.testing.TaskChangeFeedContract;

/** The change-feed contract, with expiry driven by a clock the test moves. */
class InMemoryTaskChangeFeedTest extends TaskChangeFeedContract {

    private static final int RETAINED = 256;

    private final MutableClock clock = MutableClock.startingAt("2026-11-30T10:00:00Z");

    @Override
    protected RepositoryWithFeed createRepositoryWithFeed() {
        InMemoryTaskRepository repository = new InMemoryTaskRepository(clock, RETAINED);
        return new RepositoryWithFeed(repository, repository.changeFeed());
    }

    @Override
    protected StoreTime storeTime() {
        return StoreTime.of(clock);
    }

    @Override
    protected int retainedChanges() {
        return RETAINED;
    }
}
