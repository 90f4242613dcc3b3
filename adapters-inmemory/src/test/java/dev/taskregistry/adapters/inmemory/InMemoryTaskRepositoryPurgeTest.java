package dev.taskregistry.adapters.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.testing.MutableClock;
import dev.taskregistry.domain.testing.TestTasks;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Expired tasks do not stay in memory: the store's size is bounded by its live tasks. */
class InMemoryTaskRepositoryPurgeTest {

    private final MutableClock clock = MutableClock.startingAt("2026-11-30T10:00:00Z");
    private final InMemoryTaskRepository repository = new InMemoryTaskRepository(clock);

    @Test
    void expiredTasks_arePurgedByTheNextWrite() {
        for (int i = 0; i < 1_000; i++) {
            repository.register(TestTasks.pendingTask(clock.instant(), TestTasks.DEFAULT_TYPE, Duration.ofSeconds(30)));
        }
        assertThat(repository.heldTaskCount()).isEqualTo(1_000);

        clock.advance(Duration.ofSeconds(31));
        repository.register(TestTasks.pendingTask(clock.instant()));

        assertThat(repository.heldTaskCount()).isEqualTo(1);
    }

    @Test
    void expiredTasks_arePurgedByStatsAndListings() {
        Task shortLived = TestTasks.pendingTask(clock.instant(), TestTasks.DEFAULT_TYPE, Duration.ofSeconds(30));
        repository.register(shortLived);

        clock.advance(Duration.ofSeconds(30));

        assertThat(repository.stats().total()).isZero();
        assertThat(repository.heldTaskCount()).isZero();
    }

    @Test
    void memoryStaysBoundedUnderAStreamOfShortLivedTasks() {
        for (int second = 0; second < 600; second++) {
            for (int i = 0; i < 10; i++) {
                repository.register(
                        TestTasks.pendingTask(clock.instant(), TestTasks.DEFAULT_TYPE, Duration.ofSeconds(5)));
            }
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(repository.heldTaskCount()).isLessThanOrEqualTo(60);
    }
}
