package dev.taskregistry.bootstrap;

import static dev.taskregistry.bootstrap.TaskApiContract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import dev.taskregistry.redis.testing.OwnRedisServerExtension;
import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedis;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service on a Redis of its own that the test stops and starts: it starts while Redis is down,
 * reports the outage as 503 and readiness DOWN (never 404), and recovers without a restart.
 */
@HelidonTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisOutageApiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /**
     * A bound against hanging, far above one timeout: answers must come, whatever the load. That a request
     * waits one timeout and not two is the mechanism RedisConnectionPoolTest proves, not a clock here.
     */
    private static final Duration NO_HANG = TIMEOUT.multipliedBy(5);

    @RegisterExtension
    static final OwnRedisServerExtension ownRedis = new OwnRedisServerExtension();

    private final RedisServerProcess redis = ownRedis.server();
    private ApiClient api;

    /** Runs when the service starts: the Redis it is given is down at that moment. */
    @AddConfigSource
    static ConfigSource redisThatIsDown() {
        RedisServerProcess redis = ownRedis.server();
        redis.stop();
        return RedisStoreConfig.of(
                redis.url(), TestRedis.uniquePrefix(), "taskregistry.redis.timeout", TIMEOUT.toString());
    }

    @BeforeEach
    void connect() {
        api = ApiClient.ofTestedService().checkingAnswersAgainstServedOpenApi();
    }

    /** Runs first: the service was started while its Redis was down. */
    @Test
    @Order(1)
    void theServiceStartsWithRedisDown_reportsTheOutage_andRecoversWithoutRestart() {
        assertOutage();

        redis.startAgain();
        awaitReady();
        ApiResponse created = api.post("/tasks", "{\"id\":\"outage-1\",\"type\":\"report\"}");
        assertThat(created.status()).isEqualTo(201);

        redis.stop();
        assertOutage();

        redis.startAgain();
        awaitReady();
        assertThat(api.post("/tasks", "{\"type\":\"report\"}").status()).isEqualTo(201);
    }

    @Test
    @Order(2)
    void aPausedRedis_isAnOutageAnsweredWithinTheTimeout() {
        if (!redis.isRunning()) {
            redis.startAgain();
        }
        awaitReady();
        api.post("/tasks", "{\"id\":\"paused-1\",\"type\":\"report\"}");

        redis.pause();
        try {
            assertOutage();
        } finally {
            redis.resume();
        }
        awaitReady();
        assertThat(api.get("/tasks/paused-1").status()).isEqualTo(200);
    }

    /**
     * Readiness is DOWN saying only "store unreachable"; every task endpoint answers 503 with Retry-After
     * within one store timeout: never 404, 500, a hang or a second timeout.
     */
    private void assertOutage() {
        ApiResponse ready = withoutHanging("/health/ready", () -> api.get("/health/ready"));
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().get("status").asText()).isEqualTo("DOWN");
        assertThat(ready.json().get("checks").get(0).get("data").get("error").asText())
                .isEqualTo("store unreachable");
        assertThat(ready.body())
                .doesNotContain("Exception")
                .doesNotContain("timed out")
                .doesNotContain("Redis");
        assertThat(api.get("/health/live").status()).isEqualTo(200);
        Map<String, Supplier<ApiResponse>> everyTaskEndpoint = new LinkedHashMap<>();
        everyTaskEndpoint.put("POST /tasks", () -> api.post("/tasks", "{\"type\":\"report\"}"));
        everyTaskEndpoint.put("GET /tasks/{id}", () -> api.get("/tasks/outage-1"));
        everyTaskEndpoint.put("GET /tasks", () -> api.get("/tasks?status=running&type=report"));
        everyTaskEndpoint.put("GET /stats", () -> api.get("/stats"));
        everyTaskEndpoint.put("POST /tasks/{id}/start", () -> api.post("/tasks/outage-1/start", null));
        everyTaskEndpoint.put(
                "POST /tasks/{id}/progress", () -> api.post("/tasks/outage-1/progress", "{\"progress\":0.5}"));
        everyTaskEndpoint.put(
                "POST /tasks/{id}/complete", () -> api.post("/tasks/outage-1/complete", "{\"result\":1}"));
        everyTaskEndpoint.put("POST /tasks/{id}/fail", () -> api.post("/tasks/outage-1/fail", "{\"error\":\"x\"}"));
        everyTaskEndpoint.put("POST /tasks/{id}/cancel", () -> api.post("/tasks/outage-1/cancel", null));
        everyTaskEndpoint.put("PUT /tasks/{id}/ttl", () -> api.put("/tasks/outage-1/ttl", "{\"ttl_seconds\":60}"));
        everyTaskEndpoint.put("DELETE /tasks/{id}", () -> api.delete("/tasks/outage-1"));
        everyTaskEndpoint.forEach((request, sending) -> {
            ApiResponse response = withoutHanging(request, sending);
            assertProblem(response, 503, null);
            assertThat(response.header("Retry-After")).isNotBlank();
        });
    }

    private static ApiResponse withoutHanging(String request, Supplier<ApiResponse> sending) {
        long start = System.nanoTime();
        ApiResponse response = assertTimeoutPreemptively(TIMEOUT.multipliedBy(10), sending::get, request);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took)
                .as(request + " answered " + response.status() + " after " + took.toMillis() + " ms")
                .isLessThan(NO_HANG);
        return response;
    }

    private void awaitReady() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/health/ready").status() == 200);
    }
}
