package dev.taskregistry.adapters.inmemory;

import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.testing.MutableClock;
import dev.taskregistry.domain.testing.StoreTime;
import dev.taskregistry.domain.testing.TaskRepositoryContract;

/** The repository contract, with expiry driven by a clock the test moves. */
class InMemoryTaskRepositoryTest extends TaskRepositoryContract {

    private final MutableClock clock = MutableClock.startingAt("2026-11-30T10:00:00Z");

    @Override
    protected TaskRepository createRepository() {
        return new InMemoryTaskRepository(clock);
    }

    @Override
    protected StoreTime storeTime() {
        return StoreTime.of(clock);
    }
}
