package dev.taskregistry.bootstrap.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.adapters.redis.testing.TestRedis;
import dev.taskregistry.bootstrap.ApiClient;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * About 50 concurrent clients run a mixed workload (register, get, progress, list, stats) against one
 * worker on Redis for a bounded time: no 5xx, no lost update. Throughput, latencies and resident memory
 * are printed and written to {@code target/load-report.txt}, never asserted. Longer runs:
 * {@code -Dload.seconds=60 -Dload.clients=50}.
 */
class LoadIT {

    private static final int CLIENTS = Integer.getInteger("load.clients", 50);
    private static final Duration LENGTH = Duration.ofSeconds(Integer.getInteger("load.seconds", 10));

    private final Map<String, LatencyRecorder> latencies = new ConcurrentHashMap<>();
    private final AtomicInteger serverErrors = new AtomicInteger();

    @Test
    void fiftyClientsOnRedis_getNoServerError_andLoseNoUpdate() throws Exception {
        try (WorkerProcesses worker = WorkerProcesses.start("load", 1, Map.of(
                "TASKREGISTRY_STORE", "redis",
                "TASKREGISTRY_REDIS_URL", TestRedis.url(),
                "TASKREGISTRY_REDIS_KEY_PREFIX", TestRedis.uniquePrefix()))) {
            ApiClient api = worker.worker(0);
            ResidentMemory memory = new ResidentMemory(worker.pid(0));
            long idleKb = memory.sample();
            Instant start = Instant.now();
            Instant deadline = start.plus(LENGTH);

            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<ClientOutcome>> outcomes = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                outcomes.add(clients.submit(() -> runClient(api, client, deadline)));
            }
            while (Instant.now().isBefore(deadline)) {
                Thread.sleep(1000);
                memory.sample();
            }
            List<ClientOutcome> results = new ArrayList<>();
            for (Future<ClientOutcome> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }
            clients.shutdown();
            Duration elapsed = Duration.between(start, Instant.now());

            for (ClientOutcome result : results) {
                ApiResponse task = api.get("/tasks/" + result.taskId());
                assertThat(task.status()).isEqualTo(200);
                assertThat(task.json().get("completed_steps").asInt()).as("increments of " + result.taskId())
                        .isEqualTo(result.acknowledgedIncrements());
            }
            assertThat(serverErrors.get()).as("5xx answers").isZero();
            report(elapsed, idleKb, memory);
        }
    }

    private ClientOutcome runClient(ApiClient api, int client, Instant deadline) {
        String id = "load-" + client + "-" + System.nanoTime();
        call("register", () -> api.post("/tasks", "{\"id\":\"" + id + "\",\"type\":\"load\",\"total_steps\":1000000,\"ttl_seconds\":600}"));
        int increments = 0;
        for (int i = 0; Instant.now().isBefore(deadline); i++) {
            switch (i % 10) {
                case 0, 3, 6 -> {
                    ApiResponse current = call("get", () -> api.get("/tasks/" + id));
                    int next = current.json().get("completed_steps").asInt() + 1;
                    ApiResponse changed = call("progress", () -> api.post("/tasks/" + id + "/progress",
                            "{\"completed_steps\":" + next + "}", "If-Match", current.header("ETag")));
                    increments += changed.status() == 200 ? 1 : 0;
                }
                case 1, 4, 8 -> call("get", () -> api.get("/tasks/" + id));
                case 2 -> call("list", () -> api.get("/tasks?type=load&status=running&limit=50"));
                case 5 -> call("stats", () -> api.get("/stats"));
                default -> call("register", () -> api.post("/tasks", "{\"type\":\"load\",\"ttl_seconds\":60}"));
            }
        }
        return new ClientOutcome(id, increments);
    }

    private ApiResponse call(String operation, java.util.function.Supplier<ApiResponse> request) {
        long begin = System.nanoTime();
        ApiResponse response = request.get();
        latencies.computeIfAbsent(operation, name -> new LatencyRecorder()).record(System.nanoTime() - begin);
        if (response.status() >= 500) {
            serverErrors.incrementAndGet();
        }
        return response;
    }

    private void report(Duration elapsed, long idleKb, ResidentMemory memory) throws IOException {
        StringBuilder report = new StringBuilder();
        long total = latencies.values().stream().mapToLong(LatencyRecorder::count).sum();
        report.append(String.format("load: %d clients, %d s, store=redis, %d requests, %.0f req/s, %d 5xx%n",
                CLIENTS, elapsed.toSeconds(), total, total / (elapsed.toMillis() / 1000.0), serverErrors.get()));
        report.append(String.format("%-9s %9s %9s %9s%n", "operation", "requests", "p50 ms", "p99 ms"));
        latencies.forEach((operation, recorder) -> report.append(String.format("%-9s %9d %9.2f %9.2f%n",
                operation, recorder.count(), recorder.percentileMillis(50), recorder.percentileMillis(99))));
        report.append(String.format("resident memory: idle %d MiB, under load max %d MiB, at end %d MiB%n",
                idleKb / 1024, memory.maxKb() / 1024, memory.lastKb() / 1024));
        System.out.print(report);
        Files.writeString(Path.of("target", "load-report.txt"), report);
    }

    private record ClientOutcome(String taskId, int acknowledgedIncrements) {
    }
}
