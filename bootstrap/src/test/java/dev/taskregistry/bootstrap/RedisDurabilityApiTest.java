package dev.taskregistry.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import dev.taskregistry.redis.testing.OwnRedisServerExtension;
import dev.taskregistry.redis.testing.RedisServerOptions;
import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedis;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With a Redis that syncs every write to its append-only file ({@code appendfsync always}), every task
 * whose registration or change the API acknowledged (201/200) survives Redis being killed and restarted.
 */
@HelidonTest
class RedisDurabilityApiTest {

    @RegisterExtension
    static final OwnRedisServerExtension ownRedis =
            new OwnRedisServerExtension(RedisServerOptions.appendOnly("always", null));

    private final RedisServerProcess redis = ownRedis.server();
    private ApiClient api;

    @AddConfigSource
    static ConfigSource durableRedis() {
        return RedisStoreConfig.of(
                ownRedis.server().url(), TestRedis.uniquePrefix(), "taskregistry.redis.timeout", "PT1S");
    }

    @BeforeEach
    void connect() {
        api = ApiClient.ofTestedService().checkingAnswersAgainstServedOpenApi();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/health/ready").status() == 200);
    }

    @Test
    void everyAcknowledgedState_isReadableInExactlyThatStateAfterAKillAndRestart() {
        Map<String, JsonNode> acknowledged = new ConcurrentHashMap<>();
        for (int i = 0; i < 12; i++) {
            String id = "durable-" + UUID.randomUUID();
            acknowledge(
                    acknowledged,
                    id,
                    api.post("/tasks", "{\"id\":\"" + id + "\",\"type\":\"durable\",\"total_steps\":5}"));
            if (i % 4 >= 1) {
                acknowledge(acknowledged, id, api.post("/tasks/" + id + "/progress", "{\"completed_steps\":2}"));
            }
            if (i % 4 == 2) {
                acknowledge(acknowledged, id, api.post("/tasks/" + id + "/complete", "{\"result\":{\"i\":" + i + "}}"));
            }
            if (i % 4 == 3) {
                acknowledge(acknowledged, id, api.put("/tasks/" + id + "/ttl", "{\"ttl_seconds\":7200}"));
            }
        }

        redis.crash();
        redis.startAgain();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/health/ready").status() == 200);

        acknowledged.forEach((id, state) -> {
            ApiResponse read = api.get("/tasks/" + id);
            assertThat(read.status()).as(id).isEqualTo(200);
            assertThat(read.json()).as(id).isEqualTo(state);
        });
        assertThat(api.get("/stats").json().get("tasks_by_type").get("durable").asInt())
                .isEqualTo(acknowledged.size());
    }

    @Test
    void writesInFlightWhenRedisIsKilled_loseNothingThatWasAcknowledged() throws Exception {
        Map<String, JsonNode> acknowledged = new ConcurrentHashMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                done.add(writers.submit(() -> {
                    while (writing.get()) {
                        String id = "inflight-" + UUID.randomUUID();
                        if (acknowledge(
                                acknowledged, id, api.post("/tasks", "{\"id\":\"" + id + "\",\"type\":\"report\"}"))) {
                            acknowledge(acknowledged, id, api.post("/tasks/" + id + "/progress", "{\"progress\":0.5}"));
                        }
                    }
                }));
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> acknowledged.size() >= 20);
            redis.crash();
            Thread.sleep(300);
            writing.set(false);
            for (Future<?> writer : done) {
                writer.get(30, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }

        redis.startAgain();
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/health/ready").status() == 200);

        acknowledged.forEach((id, state) -> {
            ApiResponse read = api.get("/tasks/" + id);
            assertThat(read.status()).as(id).isEqualTo(200);
            // A change whose answer was lost with the connection may have landed after the acknowledged one.
            assertThat(read.json().get("version").asLong())
                    .as(id)
                    .isGreaterThanOrEqualTo(state.get("version").asLong());
            if (read.json().get("version").asLong() == state.get("version").asLong()) {
                assertThat(read.json()).as(id).isEqualTo(state);
            }
        });
    }

    /** Keeps the answer as the task's acknowledged state when the API said 200 or 201; false for a 503. */
    private static boolean acknowledge(Map<String, JsonNode> acknowledged, String id, ApiResponse response) {
        if (response.status() == 200 || response.status() == 201) {
            acknowledged.put(id, response.json());
            return true;
        }
        if (response.status() != 503) {
            throw new AssertionError("unexpected answer " + response);
        }
        return false;
    }
}
