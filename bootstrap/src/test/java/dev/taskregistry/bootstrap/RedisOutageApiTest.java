package dev.taskregistry.bootstrap;

import static dev.taskregistry.bootstrap.TaskApiContract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import dev.taskregistry.bootstrap.events.SseEvent;
import dev.taskregistry.bootstrap.events.SseStream;
import dev.taskregistry.redis.testing.OwnRedisServerExtension;
import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedis;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import java.net.URI;
import java.time.Duration;
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
    private static final Duration PATIENCE = Duration.ofSeconds(30);

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

    private void assertOutage() {
        OutageAnswers.assertOutage(api, TIMEOUT, "outage-1");
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

    @Test
    @Order(3)
    void anOutage_endsOpenStreamsWithUnavailable_refusesNewOnes_andAResumeAfterItMissesNothing() {
        if (!redis.isRunning()) {
            redis.startAgain();
        }
        awaitReady();
        URI events = URI.create(api.baseUrl() + "/events?type=outage_stream");
        String seen;
        try (SseStream stream = SseStream.open(events)) {
            assertThat(stream.next(PATIENCE).isComment("subscribed")).isTrue();
            assertThat(api.post("/tasks", "{\"id\":\"stream-1\",\"type\":\"outage_stream\"}")
                            .status())
                    .isEqualTo(201);
            seen = stream.nextEvent(PATIENCE).id();

            redis.pause();
            try {
                SseEvent unavailable = stream.nextEvent(PATIENCE);
                assertThat(unavailable.event()).isEqualTo("unavailable");
                assertThat(unavailable.json().get("status").asInt()).isEqualTo(503);
                assertThat(unavailable.json().get("detail").asText()).contains("Last-Event-ID");
                assertThat(stream.readToEnd(PATIENCE)).isEmpty();
                assertProblem(api.get("/events", "Accept", "text/event-stream"), 503, null);
            } finally {
                redis.resume();
            }
        }
        awaitReady();
        assertThat(api.post("/tasks", "{\"id\":\"stream-2\",\"type\":\"outage_stream\"}")
                        .status())
                .isEqualTo(201);

        try (SseStream resumed = SseStream.open(events, "Last-Event-ID", seen)) {
            assertThat(resumed.nextEvent(PATIENCE).json().get("task_id").asText())
                    .isEqualTo("stream-2");
        }
    }

    private void awaitReady() {
        OutageAnswers.awaitReady(api);
    }
}
