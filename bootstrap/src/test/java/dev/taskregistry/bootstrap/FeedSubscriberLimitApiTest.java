package dev.taskregistry.bootstrap;

import static dev.taskregistry.bootstrap.TaskApiContract.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import dev.taskregistry.bootstrap.events.SseStream;
import io.helidon.microprofile.testing.AddConfig;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code taskregistry.feed.max-subscribers} bounds the streams and waiting polls of one worker: one more answers
 * 503 with Retry-After, and a place comes back when its client goes (noticed at the next heartbeat).
 */
@HelidonTest
@AddConfig(key = "taskregistry.feed.max-subscribers", value = "2")
@AddConfig(key = "taskregistry.feed.heartbeat", value = "PT1S")
class FeedSubscriberLimitApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private ApiClient api;

    @BeforeEach
    void connect() {
        api = ApiClient.ofTestedService().checkingAnswersAgainstServedOpenApi();
    }

    private SseStream open() {
        return SseStream.open(URI.create(api.baseUrl() + "/events"));
    }

    @Test
    void beyondTheLimit_streamsAndPollsAnswer503_untilASubscriberGoes() {
        assertThat(api.post("/tasks", "{\"id\":\"limited\",\"type\":\"report\"}")
                        .status())
                .isEqualTo(201);
        try (SseStream first = open()) {
            assertThat(first.next(PATIENCE).isComment("subscribed")).isTrue();
            try (SseStream second = open()) {
                assertThat(second.next(PATIENCE).isComment("subscribed")).isTrue();

                ApiResponse stream = api.get("/events", "Accept", "text/event-stream");
                assertProblem(stream, 503, null);
                assertThat(stream.header("Retry-After")).isEqualTo("5");
                assertThat(stream.json().get("detail").asText()).contains("maximum of 2 feed subscribers");
                assertProblem(api.get("/tasks/limited/events", "Accept", "text/event-stream"), 503, null);
                assertProblem(api.get("/tasks/limited?wait=5"), 503, null);
                assertThat(api.get("/tasks/limited").status())
                        .as("a plain read is no subscriber")
                        .isEqualTo(200);
            }

            await().atMost(PATIENCE).untilAsserted(() -> {
                try (SseStream again = open()) {
                    assertThat(again.isEventStream()).as(again.toString()).isTrue();
                }
            });
        }
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(api.get("/metrics").body())
                        .contains("taskregistry_feed_subscribers{mp_scope=\"application\",} 0.0"));
    }
}
