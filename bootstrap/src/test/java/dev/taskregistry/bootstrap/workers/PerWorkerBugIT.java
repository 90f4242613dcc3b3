package dev.taskregistry.bootstrap.workers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The per-worker bug with real processes: 4 workers of the packaged jar, each with its own in-memory
 * store. Only the creating worker knows a task, so a quarter of the polls succeed, the original's figure.
 */
class PerWorkerBugIT {

    private static final int WORKERS = 4;
    private static final int TASKS = 40;

    @Test
    void withInMemoryStores_onlyTheCreatingWorkerFindsEachTask() {
        try (WorkerProcesses workers =
                WorkerProcesses.start("inmemory", WORKERS, Map.of("TASKREGISTRY_STORE", "inmemory"))) {
            RoundRobinProbe.Result result = RoundRobinProbe.run(workers, TASKS, "equity_analysis");

            assertThat(result.polls()).isEqualTo(160);
            assertThat(result.found()).isEqualTo(TASKS);
            assertThat(result.successRate()).isEqualTo(25.0);
            for (int t = 0; t < TASKS; t++) {
                for (int w = 0; w < WORKERS; w++) {
                    assertThat(result.foundOn()[t][w])
                            .as("task %d on worker %d", t, w + 1)
                            .isEqualTo(w == result.creators().get(t));
                }
            }
        }
    }
}
