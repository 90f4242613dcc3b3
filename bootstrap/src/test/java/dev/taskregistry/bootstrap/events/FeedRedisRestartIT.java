package dev.taskregistry.bootstrap.events;

import static dev.taskregistry.bootstrap.events.FeedWorkers.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskregistry.redis.testing.RedisServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Redis stopping under an open stream and coming back: 2 workers of the packaged jar on a redis-server of the test's
 * own that syncs every write to its append-only file and is stopped with SIGTERM, so nothing acknowledged is lost.
 * The stream ends with {@code event: unavailable}, a new one is refused with 503 while Redis is away, and a resume
 * with {@code Last-Event-ID} on the other worker, once Redis is back on the same port and data, misses nothing: the
 * changes made before the outage that the client had not taken, and those made since.
 */
class FeedRedisRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The problem type of every answer that the store is down, before a stream or in it. */
    private static final String STORE_UNAVAILABLE = "/store-unavailable";

    @Test
    void aStreamEndsWithUnavailableWhenRedisStops_andAResumeAfterTheRestartMissesNothing() throws Exception {
        String type = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        try (FeedWorkers feed = FeedWorkers.start("feed-restart", 2, RedisServerOptions.appendOnly("always", null))) {
            ChangeLedger ledger = new ChangeLedger();
            ChangeWriter writer = new ChangeWriter(feed.worker(1), ledger, type, 3);
            List<SseEvent> received = new ArrayList<>();

            try (SseStream stream = feed.subscribe(0, "/events?type=" + type)) {
                writer.write(0, 6);
                for (int i = 0; i < 6; i++) {
                    received.add(stream.nextEvent(PATIENCE));
                }
                // Changes the client will not count as received, as if they were lost with the connection.
                writer.write(6, 12);
                feed.redis().stop();

                List<SseEvent> rest = stream.readToEnd(PATIENCE).stream()
                        .filter(event -> !event.isComment())
                        .toList();
                assertThat(rest).isNotEmpty();
                SseEvent unavailable = rest.getLast();
                assertThat(unavailable.is("unavailable")).as("%s", unavailable).isTrue();
                assertThat(unavailable.json().get("status").asInt()).isEqualTo(503);
                assertThat(unavailable.json().get("type").asText()).endsWith(STORE_UNAVAILABLE);
            }

            try (SseStream refused = feed.open(1, "/events?type=" + type)) {
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.header("Retry-After")).isNotBlank();
                JsonNode problem = JSON.readTree(refused.body());
                assertThat(problem.get("status").asInt()).isEqualTo(503);
                assertThat(problem.get("type").asText()).endsWith(STORE_UNAVAILABLE);
            }

            feed.redis().startAgain();
            feed.awaitReady();
            writer.write(12, 16);
            String lastSeen = received.getLast().id();
            try (SseStream resumed = feed.subscribe(1, "/events?type=" + type, "Last-Event-ID", lastSeen)) {
                writer.write(16, writer.steps());
                String last = type + "-last";
                writer.register(last, type, 1);
                received.addAll(FeedWorkers.readThrough(resumed, last));
            }

            ledger.assertReceivedExactlyOnce(received);
        }
    }
}
