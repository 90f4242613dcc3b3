package dev.taskregistry.adapters.inmemory;

import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.testing.StoreTime;
import dev.taskregistry.domain.testing.TaskRepositoryContract;
import java.time.Clock;
import java.time.Duration;

/** The repository contract again on the system clock, as the service runs it: expiry by real time. */
class InMemoryTaskRepositoryRealTimeTest extends TaskRepositoryContract {

    @Override
    protected TaskRepository createRepository() {
        return new InMemoryTaskRepository(Clock.systemUTC());
    }

    @Override
    protected StoreTime storeTime() {
        return StoreTime.realTime(Duration.ofMillis(150), Duration.ofMillis(5));
    }
}
