package dev.taskregistry.bootstrap.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskregistry.bootstrap.ApiClient;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import dev.taskregistry.redis.testing.TestRedis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The fix with real processes: 4 workers of the packaged jar sharing one registry on the Redis deployment a
 * subclass names. Every poll finds its task, a lifecycle spread over all workers holds together, and
 * concurrent increments are never lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedRegistryContract {

    private static final int WORKERS = 4;
    private WorkerProcesses workers;

    /** What the worker logs are named after ({@code target/worker-logs/<name>-worker-1.log}). */
    protected abstract String name();

    /** The {@code TASKREGISTRY_REDIS_*} variables that point the workers at the deployment. */
    protected abstract Map<String, String> deployment();

    @BeforeAll
    void startWorkers() {
        Map<String, String> environment = new HashMap<>(deployment());
        environment.put("TASKREGISTRY_STORE", "redis");
        environment.put("TASKREGISTRY_REDIS_KEY_PREFIX", TestRedis.uniquePrefix());
        workers = WorkerProcesses.start(name(), WORKERS, environment);
    }

    @AfterAll
    void stopWorkers() {
        if (workers != null) {
            workers.close();
        }
    }

    @Test
    void everyWorker_findsEveryTask() {
        RoundRobinProbe.Result result = RoundRobinProbe.run(workers, 40, "equity_analysis");

        assertThat(result.polls()).isEqualTo(160);
        assertThat(result.found()).isEqualTo(160);
        assertThat(result.successRate()).isEqualTo(100.0);
    }

    @Test
    void aLifecycle_whoseEveryStepLandsOnAnotherWorker_holdsTogether() {
        String id = "lifecycle-" + UUID.randomUUID();
        String type = "spread-" + UUID.randomUUID().toString().substring(0, 8);

        assertThat(worker(0)
                        .post("/tasks", "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"total_steps\":3}")
                        .status())
                .isEqualTo(201);
        assertThat(worker(1)
                        .post("/tasks/" + id + "/start", null, "If-Match", "\"1\"")
                        .status())
                .isEqualTo(200);
        for (int step = 1; step <= 3; step++) {
            ApiResponse progressed =
                    worker(1 + step).post("/tasks/" + id + "/progress", "{\"completed_steps\":" + step + "}");
            assertThat(progressed.status()).isEqualTo(200);
            assertThat(progressed.header("ETag")).isEqualTo("\"" + (2 + step) + "\"");
        }
        assertThat(worker(1)
                        .post("/tasks/" + id + "/complete", "{\"result\":{\"rows\":3}}")
                        .status())
                .isEqualTo(200);

        JsonNode task = worker(2).get("/tasks/" + id).json();
        assertThat(task.get("status").asText()).isEqualTo("completed");
        assertThat(task.get("version").asInt()).isEqualTo(6);
        assertThat(task.get("result").get("rows").asInt()).isEqualTo(3);
        assertThat(worker(3)
                        .get("/tasks?type=" + type + "&status=completed")
                        .json()
                        .get("items"))
                .singleElement()
                .satisfies(item -> assertThat(item.get("id").asText()).isEqualTo(id));
        JsonNode stats = worker(0).get("/stats").json();
        assertThat(stats.get("tasks_by_type").get(type).asInt()).isEqualTo(1);
    }

    @Test
    void clientsOnEveryWorker_incrementingOneTask_loseNoIncrement() throws Exception {
        int perClient = 50;
        String id = "counter-" + UUID.randomUUID();
        worker(0)
                .post(
                        "/tasks",
                        "{\"id\":\"" + id + "\",\"type\":\"counter\",\"total_steps\":" + WORKERS * perClient + "}");

        ExecutorService clients = Executors.newFixedThreadPool(WORKERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                ApiClient client = worker(w);
                done.add(clients.submit(() -> incrementWithIfMatch(client, id, perClient)));
            }
            for (Future<?> client : done) {
                client.get(120, TimeUnit.SECONDS);
            }

            JsonNode task = worker(3).get("/tasks/" + id).json();
            assertThat(task.get("completed_steps").asInt()).isEqualTo(WORKERS * perClient);
            assertThat(task.get("version").asInt()).isEqualTo(1 + WORKERS * perClient);
        } finally {
            clients.shutdownNow();
        }
    }

    /** GET, then POST the next value with If-Match; on 412 (another client was first) read again. */
    private static void incrementWithIfMatch(ApiClient client, String id, int increments) {
        for (int done = 0; done < increments; ) {
            ApiResponse current = client.get("/tasks/" + id);
            int next = current.json().get("completed_steps").asInt() + 1;
            ApiResponse changed = client.post(
                    "/tasks/" + id + "/progress",
                    "{\"completed_steps\":" + next + "}",
                    "If-Match",
                    current.header("ETag"));
            if (changed.status() == 200) {
                done++;
            } else if (changed.status() != 412) {
                throw new AssertionError("unexpected answer " + changed);
            }
        }
    }

    private ApiClient worker(int index) {
        return workers.worker(index % WORKERS);
    }
}
