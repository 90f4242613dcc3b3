package dev.taskregistry.bootstrap.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.bootstrap.ApiClient;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import dev.taskregistry.redis.testing.TestRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * About 50 concurrent clients run a mixed workload (register, get, progress, list, stats) against one
 * worker on Redis for a bounded time: no 5xx, no unexpected answer, no lost update. Throughput, latencies,
 * resident memory and every answer by status are printed and written to {@code target/load-report.txt}
 * before anything is asserted; times are never asserted. Longer runs:
 * {@code -Dload.seconds=60 -Dload.clients=50}.
 */
class LoadIT {

    private static final int CLIENTS = Integer.getInteger("load.clients", 50);
    private static final Duration LENGTH = Duration.ofSeconds(Integer.getInteger("load.seconds", 10));
    /**
     * This test is about correctness under load (no 5xx, no lost update), not about latency: with the default
     * 2 s, a request that waits for a pooled connection on a machine busy with other builds could be answered
     * 503 although nothing is wrong. How fast an outage is reported is the outage tests' business.
     */
    private static final Duration REDIS_TIMEOUT =
            Duration.ofSeconds(Integer.getInteger("load.redis-timeout-seconds", 10));

    private final Map<String, LatencyRecorder> latencies = new ConcurrentHashMap<>();
    private final AnswerTally answers = new AnswerTally();

    @Test
    void fiftyClientsOnRedis_getNoServerError_andLoseNoUpdate() throws Exception {
        try (WorkerProcesses worker = WorkerProcesses.start(
                "load",
                1,
                Map.of(
                        "TASKREGISTRY_STORE", "redis",
                        "TASKREGISTRY_REDIS_URL", TestRedis.url(),
                        "TASKREGISTRY_REDIS_KEY_PREFIX", TestRedis.uniquePrefix(),
                        "TASKREGISTRY_REDIS_TIMEOUT", REDIS_TIMEOUT.toString()))) {
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
            List<String> lostUpdates = lostUpdates(api, results);
            report(elapsed, idleKb, memory, lostUpdates);

            assertThat(answers.serverErrors())
                    .as("5xx answers; the run saw:%n%s", answers.describe())
                    .isZero();
            assertThat(answers.unexpectedCount())
                    .as("unexpected answers; the run saw:%n%s", answers.describe())
                    .isZero();
            assertThat(lostUpdates)
                    .as("tasks whose stored steps differ from the acknowledged increments")
                    .isEmpty();
        }
    }

    private ClientOutcome runClient(ApiClient api, int client, Instant deadline) {
        String id = "load-" + client + "-" + System.nanoTime();
        String registration = "{\"id\":\"" + id + "\",\"type\":\"load\",\"total_steps\":1000000,\"ttl_seconds\":600}";
        boolean registered = false;
        int increments = 0;
        for (int i = 0; Instant.now().isBefore(deadline); i++) {
            if (!registered) {
                // Until the client's own task is registered it tries again, so one failed answer costs one request.
                registered = call("register", 201, () -> api.post("/tasks", registration))
                        .isPresent();
                continue;
            }
            switch (i % 10) {
                case 0, 3, 6 -> {
                    Optional<ApiResponse> current = call("get", 200, () -> api.get("/tasks/" + id));
                    if (current.isPresent()) {
                        int next = current.get().json().get("completed_steps").asInt() + 1;
                        increments += call(
                                                "progress",
                                                200,
                                                () -> api.post(
                                                        "/tasks/" + id + "/progress",
                                                        "{\"completed_steps\":" + next + "}",
                                                        "If-Match",
                                                        current.get().header("ETag")))
                                        .isPresent()
                                ? 1
                                : 0;
                    }
                }
                case 1, 4, 8 -> call("get", 200, () -> api.get("/tasks/" + id));
                case 2 -> call("list", 200, () -> api.get("/tasks?type=load&status=running&limit=50"));
                case 5 -> call("stats", 200, () -> api.get("/stats"));
                default -> call("register", 201, () -> api.post("/tasks", "{\"type\":\"load\",\"ttl_seconds\":60}"));
            }
        }
        return new ClientOutcome(registered ? id : null, increments);
    }

    /** The answer when it has the expected status; any other answer, or none, is tallied and empty. */
    private Optional<ApiResponse> call(String operation, int expectedStatus, Supplier<ApiResponse> request) {
        long begin = System.nanoTime();
        ApiResponse response;
        try {
            response = request.get();
        } catch (UncheckedIOException noAnswer) {
            answers.unexpected(operation, AnswerTally.TRANSPORT_FAILURE, String.valueOf(noAnswer.getCause()));
            return Optional.empty();
        }
        latencies.computeIfAbsent(operation, name -> new LatencyRecorder()).record(System.nanoTime() - begin);
        if (response.status() != expectedStatus) {
            answers.unexpected(operation, response.status(), response.body());
            return Optional.empty();
        }
        answers.expected(operation, response.status());
        return Optional.of(response);
    }

    private static List<String> lostUpdates(ApiClient api, List<ClientOutcome> results) {
        List<String> lost = new ArrayList<>();
        for (ClientOutcome result : results) {
            if (result.taskId() == null) {
                continue;
            }
            ApiResponse task = api.get("/tasks/" + result.taskId());
            int stored =
                    task.status() == 200 ? task.json().get("completed_steps").asInt() : -1;
            if (stored != result.acknowledgedIncrements()) {
                lost.add(result.taskId() + ": acknowledged " + result.acknowledgedIncrements() + ", read " + task);
            }
        }
        return lost;
    }

    private void report(Duration elapsed, long idleKb, ResidentMemory memory, List<String> lostUpdates)
            throws IOException {
        StringBuilder report = new StringBuilder();
        long total =
                latencies.values().stream().mapToLong(LatencyRecorder::count).sum();
        report.append(String.format(
                "load: %d clients, %d s, store=redis (timeout %s), %d requests, %.0f req/s, %d 5xx, %d lost updates%n",
                CLIENTS,
                elapsed.toSeconds(),
                REDIS_TIMEOUT,
                total,
                total / (elapsed.toMillis() / 1000.0),
                answers.serverErrors(),
                lostUpdates.size()));
        report.append(String.format("%-9s %9s %9s %9s%n", "operation", "requests", "p50 ms", "p99 ms"));
        latencies.forEach((operation, recorder) -> report.append(String.format(
                "%-9s %9d %9.2f %9.2f%n",
                operation, recorder.count(), recorder.percentileMillis(50), recorder.percentileMillis(99))));
        report.append(String.format(
                "resident memory: idle %d MiB, under load max %d MiB, at end %d MiB%n",
                idleKb / 1024, memory.maxKb() / 1024, memory.lastKb() / 1024));
        report.append("answers by status:").append(System.lineSeparator()).append(answers.describe());
        lostUpdates.forEach(line -> report.append("lost update: ").append(line).append(System.lineSeparator()));
        System.out.print(report);
        Files.writeString(Path.of("target", "load-report.txt"), report);
    }

    /** A client's own task ({@code null} when it never got registered) and how many increments were answered 200. */
    private record ClientOutcome(String taskId, int acknowledgedIncrements) {}
}
