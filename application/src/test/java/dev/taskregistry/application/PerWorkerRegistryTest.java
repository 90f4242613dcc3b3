package dev.taskregistry.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.TaskType;
import dev.taskregistry.domain.testing.FakeTaskRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The original incident at application level: 4 workers, each an independent application graph with
 * its own in-memory store. Tasks are registered round-robin and polled on other workers.
 */
class PerWorkerRegistryTest {

    private static final int WORKERS = 4;
    private static final int TASKS = 40;
    private static final TtlPolicy POLICY =
            new TtlPolicy(Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofMinutes(5));

    static List<TaskUseCases> workers(Supplier<TaskRepository> storePerWorker) {
        List<TaskUseCases> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            workers.add(TaskUseCases.wire(
                    storePerWorker.get(), Clock.systemUTC(), POLICY, new ResourceUrlTemplate("mcp://task/{id}")));
        }
        return workers;
    }

    @Test
    void withAnInMemoryStorePerWorker_onlyTheCreatingWorkerFindsItsTask() {
        List<TaskUseCases> workers = workers(() -> new FakeTaskRepository(Clock.systemUTC()));
        List<TaskId> created = registerRoundRobin(workers);

        int foundOnNextWorker = 0;
        int foundAnywhere = 0;
        for (int i = 0; i < created.size(); i++) {
            foundOnNextWorker += isFound(workers.get((i + 1) % WORKERS), created.get(i)) ? 1 : 0;
            for (int w = 0; w < WORKERS; w++) {
                boolean found = isFound(workers.get(w), created.get(i));
                assertThat(found).as("task %d on worker %d", i, w).isEqualTo(w == i % WORKERS);
                foundAnywhere += found ? 1 : 0;
            }
        }

        assertThat(foundOnNextWorker).isZero();
        assertThat(foundAnywhere).isEqualTo(TASKS);
        assertThat(100.0 * foundAnywhere / (TASKS * WORKERS)).isEqualTo(25.0);
    }

    @Test
    void withOneStoreSharedByEveryWorker_everyWorkerFindsEveryTask() {
        TaskRepository shared = new FakeTaskRepository(Clock.systemUTC());
        List<TaskUseCases> workers = workers(() -> shared);
        List<TaskId> created = registerRoundRobin(workers);

        int found = 0;
        for (TaskId id : created) {
            for (TaskUseCases worker : workers) {
                found += isFound(worker, id) ? 1 : 0;
            }
        }

        assertThat(found).isEqualTo(TASKS * WORKERS);
    }

    static List<TaskId> registerRoundRobin(List<TaskUseCases> workers) {
        List<TaskId> created = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            Task task = workers.get(i % WORKERS)
                    .registerTask()
                    .register(new RegisterTaskCommand(
                            null, TaskType.of("equity_analysis"), "task " + i, null, null, null));
            created.add(task.id());
        }
        return created;
    }

    static boolean isFound(TaskUseCases worker, TaskId id) {
        try {
            worker.getTask().get(id);
            return true;
        } catch (TaskNotFound notFound) {
            return false;
        }
    }
}
