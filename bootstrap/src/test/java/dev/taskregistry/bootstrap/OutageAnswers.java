package dev.taskregistry.bootstrap;

import static dev.taskregistry.bootstrap.TaskApiContract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/** What the service answers while its store cannot be reached, whichever deployment the store is. */
final class OutageAnswers {

    private OutageAnswers() {}

    /**
     * Readiness is DOWN saying only "store unreachable"; liveness stays UP; every task endpoint answers 503 with
     * Retry-After, never 404, 500 or a hang. {@code timeout} is the service's Redis timeout; {@code taskId} names
     * a task the endpoints are asked about.
     */
    static void assertOutage(ApiClient api, Duration timeout, String taskId) {
        ApiResponse ready = withoutHanging("/health/ready", timeout, () -> api.get("/health/ready"));
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().get("status").asText()).isEqualTo("DOWN");
        assertThat(ready.json().get("checks").get(0).get("data").get("error").asText())
                .isEqualTo("store unreachable");
        assertThat(ready.body())
                .doesNotContain("Exception")
                .doesNotContain("timed out")
                .doesNotContain("Redis");
        assertThat(api.get("/health/live").status()).isEqualTo(200);
        String task = "/tasks/" + taskId;
        Map<String, Supplier<ApiResponse>> everyTaskEndpoint = new LinkedHashMap<>();
        everyTaskEndpoint.put("POST /tasks", () -> api.post("/tasks", "{\"type\":\"report\"}"));
        everyTaskEndpoint.put("GET /tasks/{id}", () -> api.get(task));
        everyTaskEndpoint.put("GET /tasks", () -> api.get("/tasks?status=running&type=report"));
        everyTaskEndpoint.put("GET /stats", () -> api.get("/stats"));
        everyTaskEndpoint.put("POST /tasks/{id}/start", () -> api.post(task + "/start", null));
        everyTaskEndpoint.put("POST /tasks/{id}/progress", () -> api.post(task + "/progress", "{\"progress\":0.5}"));
        everyTaskEndpoint.put("POST /tasks/{id}/complete", () -> api.post(task + "/complete", "{\"result\":1}"));
        everyTaskEndpoint.put("POST /tasks/{id}/fail", () -> api.post(task + "/fail", "{\"error\":\"x\"}"));
        everyTaskEndpoint.put("POST /tasks/{id}/cancel", () -> api.post(task + "/cancel", null));
        everyTaskEndpoint.put("PUT /tasks/{id}/ttl", () -> api.put(task + "/ttl", "{\"ttl_seconds\":60}"));
        everyTaskEndpoint.put("DELETE /tasks/{id}", () -> api.delete(task));
        everyTaskEndpoint.forEach((request, sending) -> {
            ApiResponse response = withoutHanging(request, timeout, sending);
            assertProblem(response, 503, null);
            assertThat(response.header("Retry-After")).isNotBlank();
        });
    }

    /** Returns once readiness answers 200 again; fails after a generous bound. */
    static void awaitReady(ApiClient api) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/health/ready").status() == 200);
    }

    /**
     * The answer, which must come within a bound far above one timeout, whatever the load. That a request waits
     * one timeout and not two is the mechanism RedisConnectionPoolTest proves, not a clock here.
     */
    private static ApiResponse withoutHanging(String request, Duration timeout, Supplier<ApiResponse> sending) {
        Duration noHang = timeout.multipliedBy(5);
        long start = System.nanoTime();
        ApiResponse response = assertTimeoutPreemptively(timeout.multipliedBy(10), sending::get, request);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took)
                .as(request + " answered " + response.status() + " after " + took.toMillis() + " ms")
                .isLessThan(noHang);
        return response;
    }
}
