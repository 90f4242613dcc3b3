package dev.taskregistry.domain.testing;

import dev.taskregistry.domain.TaskRepository;

/** The fake that the application's tests use passes the same contract as the adapters. */
class FakeTaskRepositoryTest extends TaskRepositoryContract {

    private final MutableClock clock = MutableClock.startingAt("2026-11-30T10:00:00Z");

    @Override
    protected TaskRepository createRepository() {
        return new FakeTaskRepository(clock);
    }

    @Override
    protected StoreTime storeTime() {
        return StoreTime.of(clock);
    }
}
