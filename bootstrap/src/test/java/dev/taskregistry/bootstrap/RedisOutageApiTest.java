package dev.taskregistry.bootstrap;

import static dev.taskregistry.bootstrap.TaskApiContract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.taskregistry.adapters.redis.testing.TestRedis;
import dev.taskregistry.adapters.redis.testing.RedisServerProcess;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * The service on a Redis of its own that the test stops and starts: it starts while Redis is down,
 * reports the outage as 503 and readiness DOWN (never 404), and recovers without a restart.
 */
@HelidonTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisOutageApiTest {

    /** A bound on hanging, far above the 0.5 s store timeout; not a speed figure. */
    private static final Duration NO_HANG = Duration.ofSeconds(5);

    private static RedisServerProcess redis;
    private ApiClient api;

    /** Runs when the service starts: the Redis it is given is down at that moment. */
    @AddConfigSource
    static ConfigSource redisThatIsDown() {
        redis = RedisServerProcess.start();
        redis.stop();
        return RedisStoreConfig.of(redis.url(), TestRedis.uniquePrefix(), "taskregistry.redis.timeout", "PT0.5S");
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
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

    /** Every task endpoint answers 503 with Retry-After, in about the store timeout: never 404, 500 or a hang. */
    private void assertOutage() {
        ApiResponse ready = api.get("/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.json().get("status").asText()).isEqualTo("DOWN");
        assertThat(api.get("/health/live").status()).isEqualTo(200);
        List<Supplier<ApiResponse>> everyTaskEndpoint = List.of(
                () -> api.post("/tasks", "{\"type\":\"report\"}"),
                () -> api.get("/tasks/outage-1"),
                () -> api.get("/tasks?status=running&type=report"),
                () -> api.get("/stats"),
                () -> api.post("/tasks/outage-1/start", null),
                () -> api.post("/tasks/outage-1/progress", "{\"progress\":0.5}"),
                () -> api.post("/tasks/outage-1/complete", "{\"result\":1}"),
                () -> api.post("/tasks/outage-1/fail", "{\"error\":\"x\"}"),
                () -> api.post("/tasks/outage-1/cancel", null),
                () -> api.put("/tasks/outage-1/ttl", "{\"ttl_seconds\":60}"),
                () -> api.delete("/tasks/outage-1"));
        for (Supplier<ApiResponse> request : everyTaskEndpoint) {
            ApiResponse response = assertTimeoutPreemptively(NO_HANG, request::get);
            assertProblem(response, 503, null);
            assertThat(response.header("Retry-After")).isNotBlank();
        }
    }

    private void awaitReady() {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/health/ready").status() == 200);
    }
}
