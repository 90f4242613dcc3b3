package dev.taskregistry.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import dev.taskregistry.bootstrap.events.SseEvent;
import dev.taskregistry.bootstrap.events.SseStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The change feed over HTTP, in one process, on whichever store the subclass's {@code @HelidonTest} selects
 * (with {@code taskregistry.feed.heartbeat} at 1 s): the event streams of one task and of the registry, their
 * resumption, resets and ends, and the long-poll. Plain answers are checked against the served OpenAPI document.
 */
abstract class EventStreamApiContract {

    /** Generous: a bound on a wait for something that must come, never a claim about speed. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    protected ApiClient api;

    @BeforeEach
    void connect() {
        api = ApiClient.ofTestedService().checkingAnswersAgainstServedOpenApi();
    }

    private SseStream stream(String path, String... headers) {
        SseStream stream = SseStream.open(URI.create(api.baseUrl() + path), headers);
        if (stream.isEventStream()) {
            assertThat(stream.next(PATIENCE).isComment("subscribed")).isTrue();
        }
        return stream;
    }

    private static String uniqueId() {
        return "sse-" + UUID.randomUUID();
    }

    /** A type of its own, so that a registry stream filtered by it sees only this test's tasks. */
    private static String uniqueType() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private void register(String id, String type, String... extra) {
        String more = extra.length == 0 ? "" : "," + extra[0];
        ApiResponse created =
                api.post("/tasks", "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"total_steps\":4" + more + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
    }

    private void ok(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 299);
    }

    @Test
    void aTaskStream_sendsItsState_thenEachChange_andEndsAfterTheTerminalState() {
        String id = uniqueId();
        register(id, "report");

        try (SseStream events = stream("/tasks/" + id + "/events")) {
            SseEvent state = events.nextEvent(PATIENCE);
            assertThat(state.event()).isEqualTo("state");
            assertThat(state.id()).isNotBlank();
            assertThat(state.json()).isEqualTo(api.get("/tasks/" + id).json());

            ok(api.post("/tasks/" + id + "/start", null));
            ok(api.post("/tasks/" + id + "/progress", "{\"completed_steps\":2}"));
            ok(api.post("/tasks/" + id + "/complete", "{\"result\":{\"score\":1}}"));

            List<SseEvent> rest = events.readToEnd(PATIENCE);
            List<SseEvent> changes = rest.stream().filter(e -> !e.isComment()).toList();
            assertThat(changes).extracting(SseEvent::event).containsExactly("updated", "updated", "updated");
            assertThat(changes)
                    .extracting(e -> e.json().get("version").asLong())
                    .containsExactly(2L, 3L, 4L);
            JsonNode last = changes.get(2).json();
            assertThat(last.get("kind").asText()).isEqualTo("updated");
            assertThat(last.get("task_id").asText()).isEqualTo(id);
            assertThat(last.get("type").asText()).isEqualTo("report");
            assertThat(last.get("status").asText()).isEqualTo("completed");
            assertThat(last.get("task")).isEqualTo(api.get("/tasks/" + id).json());
            assertThat(changes).extracting(SseEvent::id).doesNotHaveDuplicates().doesNotContain(state.id());
        }
    }

    @Test
    void aTaskStream_ofATerminalTask_sendsItsStateAndEnds() {
        String id = uniqueId();
        register(id, "report");
        ok(api.post("/tasks/" + id + "/cancel", null));

        try (SseStream events = stream("/tasks/" + id + "/events")) {
            List<SseEvent> all = events.readToEnd(PATIENCE);
            assertThat(all).filteredOn(e -> !e.isComment()).singleElement().satisfies(state -> {
                assertThat(state.event()).isEqualTo("state");
                assertThat(state.json().get("status").asText()).isEqualTo("cancelled");
            });
        }
    }

    @Test
    void aTaskStream_endsWithTheDeletion() {
        String id = uniqueId();
        register(id, "report");

        try (SseStream events = stream("/tasks/" + id + "/events")) {
            assertThat(events.nextEvent(PATIENCE).event()).isEqualTo("state");
            assertThat(api.delete("/tasks/" + id).status()).isEqualTo(204);

            List<SseEvent> rest = events.readToEnd(PATIENCE);
            assertThat(rest).filteredOn(e -> !e.isComment()).singleElement().satisfies(deleted -> {
                assertThat(deleted.event()).isEqualTo("deleted");
                assertThat(deleted.json().get("task_id").asText()).isEqualTo(id);
                assertThat(deleted.json().get("version").asLong()).isEqualTo(1);
                assertThat(deleted.json().has("task")).isFalse();
            });
        }
    }

    @Test
    void aTaskStream_endsWithTheExpiry_evenBeforeTheStorePrunesIt() {
        String id = uniqueId();
        register(id, "report", "\"ttl_seconds\":1");

        try (SseStream events = stream("/tasks/" + id + "/events")) {
            assertThat(events.nextEvent(PATIENCE).event()).isEqualTo("state");

            List<SseEvent> rest = events.readToEnd(PATIENCE);
            assertThat(rest).filteredOn(e -> !e.isComment()).singleElement().satisfies(expired -> {
                assertThat(expired.event()).isEqualTo("expired");
                assertThat(expired.json().get("task_id").asText()).isEqualTo(id);
                assertThat(expired.json().get("status").asText()).isEqualTo("pending");
            });
        }
        assertThat(api.get("/tasks/" + id).status()).isEqualTo(404);
    }

    @Test
    void aTaskStream_resumedWithLastEventId_sendsOnlyTheChangesAfterIt() {
        String id = uniqueId();
        register(id, "report");
        String resumeAfter;
        try (SseStream events = stream("/tasks/" + id + "/events")) {
            events.nextEvent(PATIENCE);
            ok(api.post("/tasks/" + id + "/start", null));
            resumeAfter = events.nextEvent(PATIENCE).id();
        }
        ok(api.post("/tasks/" + id + "/progress", "{\"completed_steps\":1}"));
        ok(api.post("/tasks/" + id + "/progress", "{\"completed_steps\":2}"));

        try (SseStream resumed = stream("/tasks/" + id + "/events", "Last-Event-ID", resumeAfter)) {
            assertThat(List.of(resumed.nextEvent(PATIENCE), resumed.nextEvent(PATIENCE)))
                    .extracting(e -> e.event() + " v" + e.json().get("version").asLong())
                    .containsExactly("updated v3", "updated v4");
        }
    }

    @Test
    void aTaskStream_fromAPositionTheFeedNeverIssued_resetsWithTheCurrentState() {
        String id = uniqueId();
        register(id, "report");

        try (SseStream events = stream("/tasks/" + id + "/events", "Last-Event-ID", "0-0.feedfeed")) {
            SseEvent reset = events.nextEvent(PATIENCE);
            assertThat(reset.event()).isEqualTo("reset");
            assertThat(reset.json().get("resume_after").asText()).isEqualTo(reset.id());
            assertThat(reset.json().get("task"))
                    .isEqualTo(api.get("/tasks/" + id).json());

            ok(api.post("/tasks/" + id + "/start", null));
            assertThat(events.nextEvent(PATIENCE).json().get("version").asLong())
                    .isEqualTo(2);
        }
    }

    @Test
    void aTaskStream_ofAnUnknownTask_is404BeforeTheStream() {
        ApiResponse missing = api.get("/tasks/" + uniqueId() + "/events", "Accept", "text/event-stream");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missing.json().get("field").asText()).isEqualTo("id");
    }

    @Test
    void aStream_withAMangledLastEventId_is400NamingTheHeader() {
        String id = uniqueId();
        register(id, "report");

        for (String path : List.of("/tasks/" + id + "/events", "/events")) {
            ApiResponse refused = api.get(path, "Accept", "text/event-stream", "Last-Event-ID", "1 2\u00e9");
            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.json().get("field").asText()).isEqualTo("Last-Event-ID");
        }
    }

    @Test
    void theRegistryStream_sendsEveryMatchingChange_inOrder() {
        String type = uniqueType();
        try (SseStream all = stream("/events?type=" + type);
                SseStream running = stream("/events?type=" + type + "&status=running")) {
            String a = uniqueId();
            String b = uniqueId();
            register(a, type);
            register(b, type);
            register(uniqueId(), "other_type");
            ok(api.post("/tasks/" + a + "/start", null));
            ok(api.post("/tasks/" + b + "/start", null));
            assertThat(api.delete("/tasks/" + a).status()).isEqualTo(204);

            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                SseEvent event = all.nextEvent(PATIENCE);
                seen.add(event.event() + " " + event.json().get("task_id").asText() + " v"
                        + event.json().get("version").asLong());
            }
            assertThat(seen)
                    .containsExactly(
                            "registered " + a + " v1",
                            "registered " + b + " v1",
                            "updated " + a + " v2",
                            "updated " + b + " v2",
                            "deleted " + a + " v2");
            List<String> runningSeen = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                SseEvent event = running.nextEvent(PATIENCE);
                runningSeen.add(
                        event.event() + " " + event.json().get("task_id").asText());
            }
            assertThat(runningSeen).containsExactly("updated " + a, "updated " + b, "deleted " + a);
        }
    }

    @Test
    void theRegistryStream_resumedWithLastEventId_missesNothingAndRepeatsNothing() {
        String type = uniqueType();
        String id = uniqueId();
        String resumeAfter;
        try (SseStream first = stream("/events?type=" + type)) {
            register(id, type);
            resumeAfter = first.nextEvent(PATIENCE).id();
        }
        ok(api.post("/tasks/" + id + "/start", null));
        ok(api.post("/tasks/" + id + "/progress", "{\"completed_steps\":1}"));

        try (SseStream resumed = stream("/events?type=" + type, "Last-Event-ID", resumeAfter)) {
            ok(api.post("/tasks/" + id + "/complete", null));
            assertThat(List.of(resumed.nextEvent(PATIENCE), resumed.nextEvent(PATIENCE), resumed.nextEvent(PATIENCE)))
                    .extracting(e -> e.json().get("version").asLong())
                    .containsExactly(2L, 3L, 4L);
        }
    }

    @Test
    void theRegistryStream_fromAPositionTheFeedNeverIssued_resets() {
        try (SseStream events = stream("/events?type=" + uniqueType(), "Last-Event-ID", "0-0.feedfeed")) {
            SseEvent reset = events.nextEvent(PATIENCE);
            assertThat(reset.event()).isEqualTo("reset");
            assertThat(reset.json().get("resume_after").asText()).isEqualTo(reset.id());
            assertThat(reset.json().has("task")).isFalse();
        }
    }

    @Test
    void theRegistryStream_refusesABadFilter_namingIt() {
        ApiResponse badStatus = api.get("/events?status=done", "Accept", "text/event-stream");
        ApiResponse badType = api.get("/events?type=Not%20A%20Type", "Accept", "text/event-stream");

        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().get("field").asText()).isEqualTo("status");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("field").asText()).isEqualTo("type");
    }

    @Test
    void anIdleStream_getsHeartbeats() {
        try (SseStream idle = stream("/events?type=" + uniqueType())) {
            assertThat(idle.next(PATIENCE).isComment("heartbeat")).isTrue();
            assertThat(idle.next(PATIENCE).isComment("heartbeat")).isTrue();
        }
    }

    @Test
    void aLongPoll_answersOnceTheVersionPassesAfterVersion() throws Exception {
        String id = uniqueId();
        register(id, "report");
        // The longest wait, beyond the client's 30 s timeout: an answer at all shows the change woke the poll.
        CompletableFuture<ApiResponse> poll =
                CompletableFuture.supplyAsync(() -> api.get("/tasks/" + id + "?wait=60&after_version=1"));

        // Whether the poll is already waiting or not, it must answer with a version after 1.
        ok(api.post("/tasks/" + id + "/start", null));

        ApiResponse answer = poll.get(PATIENCE.toSeconds() * 2, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("version").asLong()).isEqualTo(2);
        assertThat(answer.json().get("status").asText()).isEqualTo("running");
        assertThat(answer.header("ETag")).isEqualTo("\"2\"");
    }

    @Test
    void aLongPoll_whoseVersionHasPassedAlready_answersAtOnce_andOneThatTimesOutAnswersTheCurrentState() {
        String id = uniqueId();
        register(id, "report");
        ok(api.post("/tasks/" + id + "/start", null));

        assertThat(api.get("/tasks/" + id + "?wait=60&after_version=1")
                        .json()
                        .get("version")
                        .asLong())
                .isEqualTo(2);
        ApiResponse timedOut = api.get("/tasks/" + id + "?wait=1");
        assertThat(timedOut.status()).isEqualTo(200);
        assertThat(timedOut.json().get("version").asLong()).isEqualTo(2);
    }

    @Test
    void aLongPoll_onATaskDeletedWhileItWaits_is404() throws Exception {
        String id = uniqueId();
        register(id, "report");
        CompletableFuture<ApiResponse> poll =
                CompletableFuture.supplyAsync(() -> api.get("/tasks/" + id + "?wait=60&after_version=1"));

        assertThat(api.delete("/tasks/" + id).status()).isEqualTo(204);

        assertThat(poll.get(PATIENCE.toSeconds() * 2, java.util.concurrent.TimeUnit.SECONDS)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aLongPoll_refusesBadParameters_namingThem() {
        String id = uniqueId();
        register(id, "report");

        for (String query : List.of("wait=-1", "wait=61", "wait=1.5", "wait=x", "wait=99999999999999999999")) {
            ApiResponse refused = api.get("/tasks/" + id + "?" + query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.json().get("field").asText()).as(query).isEqualTo("wait");
        }
        for (String query : List.of("wait=1&after_version=-1", "wait=1&after_version=v2", "after_version=1")) {
            ApiResponse refused = api.get("/tasks/" + id + "?" + query);
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.json().get("field").asText()).as(query).isEqualTo("after_version");
        }
        assertThat(api.get("/tasks/" + uniqueId() + "?wait=1").status()).isEqualTo(404);
    }
}
