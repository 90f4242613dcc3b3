package dev.taskregistry.adapters.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.ConcurrentTaskUpdate;
import dev.taskregistry.domain.ProgressReport;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.testing.ConcurrentWriters;
import dev.taskregistry.domain.testing.MutableClock;
import dev.taskregistry.domain.testing.TaskListing;
import dev.taskregistry.domain.testing.TestTasks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Many writers at once: no update is lost and the indexes agree with the tasks. */
class InMemoryTaskRepositoryConcurrencyTest {

    private static final int WRITERS = 8;
    private static final int INCREMENTS_PER_WRITER = 250;

    private final MutableClock clock = MutableClock.startingAt("2026-11-30T10:00:00Z");
    private final InMemoryTaskRepository repository = new InMemoryTaskRepository(clock);

    @Test
    void concurrentReadModifyWriteIncrements_loseNoUpdate() throws Exception {
        Task task = TestTasks.pendingTask(clock.instant());
        repository.register(TestTasks.expiringAt(task, clock.instant().plus(Duration.ofHours(1))));
        Task stored = repository.find(task.id()).orElseThrow();
        repository.update(
                stored.reportProgress(new ProgressReport(0, WRITERS * INCREMENTS_PER_WRITER, null), clock.instant()));

        ConcurrentWriters.runTogether(WRITERS, () -> {
            for (int i = 0; i < INCREMENTS_PER_WRITER; i++) {
                incrementWithRetry(task.id());
            }
        });

        Task last = repository.find(task.id()).orElseThrow();
        assertThat(last.completedSteps()).isEqualTo(WRITERS * INCREMENTS_PER_WRITER);
        assertThat(last.version()).isEqualTo(2L + WRITERS * INCREMENTS_PER_WRITER);
    }

    @Test
    void concurrentRegistrationsAndTransitions_leaveConsistentIndexes() throws Exception {
        ConcurrentWriters.runTogether(WRITERS, () -> {
            for (int i = 0; i < 200; i++) {
                Task task = TestTasks.pendingTask(clock.instant());
                repository.register(task);
                Task running = task.start(clock.instant());
                repository.update(running);
                if (i % 2 == 0) {
                    repository.update(running.complete(null, clock.instant(), TestTasks.RETENTION));
                }
                if (i % 5 == 0) {
                    repository.delete(task.id());
                }
            }
        });

        TaskStats stats = repository.stats();
        List<Task> running = TaskListing.all(repository, TaskFilter.of(TaskStatus.RUNNING, null));
        List<Task> completed = TaskListing.all(repository, TaskFilter.of(TaskStatus.COMPLETED, null));
        assertThat(running).allMatch(task -> task.status() == TaskStatus.RUNNING);
        assertThat(completed).allMatch(task -> task.status() == TaskStatus.COMPLETED);
        assertThat(stats.byStatus().get(TaskStatus.RUNNING)).isEqualTo(running.size());
        assertThat(stats.byStatus().get(TaskStatus.COMPLETED)).isEqualTo(completed.size());
        assertThat(stats.total()).isEqualTo(running.size() + completed.size()).isEqualTo(WRITERS * 160L);
        assertThat(stats.byStatus()).doesNotContainKey(TaskStatus.PENDING);
    }

    private void incrementWithRetry(TaskId id) {
        while (true) {
            Task current = repository.find(id).orElseThrow();
            try {
                repository.update(
                        current.reportProgress(ProgressReport.ofSteps(current.completedSteps() + 1), clock.instant()));
                return;
            } catch (ConcurrentTaskUpdate lostRace) {
                Thread.onSpinWait();
            }
        }
    }
}
