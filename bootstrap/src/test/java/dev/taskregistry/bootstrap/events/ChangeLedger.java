package dev.taskregistry.bootstrap.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The changes the writers were acknowledged (a 201 or 200 with the stored version, a 204 for a delete), and the
 * check that a subscriber saw exactly those: every change once, each task's in the order of its versions, nothing
 * else.
 */
final class ChangeLedger {

    /** One change as the feed names it: {@code registered}, {@code updated} or {@code deleted}, and the version. */
    record Change(String kind, long version) {

        private int rank() {
            return switch (kind) {
                case "registered" -> 0;
                case "updated" -> 1;
                default -> 2;
            };
        }

        @Override
        public String toString() {
            return kind + " v" + version;
        }
    }

    private static final Comparator<Change> TASK_ORDER =
            Comparator.comparingLong(Change::version).thenComparingInt(Change::rank);

    private final ConcurrentLinkedQueue<Map.Entry<String, Change>> acknowledged = new ConcurrentLinkedQueue<>();

    /** Records a registration or update the API answered with the task; answers the stored version. */
    long stored(String kind, ApiResponse answer) {
        JsonNode task = answer.json();
        long version = task.get("version").asLong();
        record(task.get("id").asText(), new Change(kind, version));
        return version;
    }

    /** Records a delete of the task at {@code version} (the API answered 204). */
    void deleted(String taskId, long version) {
        record(taskId, new Change("deleted", version));
    }

    int size() {
        return acknowledged.size();
    }

    private void record(String taskId, Change change) {
        acknowledged.add(Map.entry(taskId, change));
    }

    /**
     * Asserts that {@code received}, the events of one subscriber in the order they came (or of several, one after
     * another, when it resumed), are exactly the acknowledged changes: each change exactly once and each task's
     * changes in the order of its versions; every event well formed (its name is its data's {@code kind}, its
     * {@code id:} unique, a stored task's version its own).
     */
    void assertReceivedExactlyOnce(List<SseEvent> received) {
        Map<String, List<Change>> seen = new TreeMap<>();
        Set<String> positions = new HashSet<>();
        for (SseEvent event : received) {
            Map.Entry<String, Change> change = changeOf(event);
            assertThat(positions.add(event.id()))
                    .as("position %s delivered twice: %s", event.id(), event)
                    .isTrue();
            seen.computeIfAbsent(change.getKey(), id -> new ArrayList<>()).add(change.getValue());
        }
        Map<String, List<Change>> expected = new TreeMap<>();
        for (Map.Entry<String, Change> change : acknowledged) {
            expected.computeIfAbsent(change.getKey(), id -> new ArrayList<>()).add(change.getValue());
        }
        expected.values().forEach(changes -> changes.sort(TASK_ORDER));

        assertThat(received).as("events received").hasSize(acknowledged.size());
        assertThat(seen).as("each task's changes as received").isEqualTo(expected);
    }

    private static Map.Entry<String, Change> changeOf(SseEvent event) {
        assertThat(event.event()).as("a change event: %s", event).isIn("registered", "updated", "deleted", "expired");
        assertThat(event.id()).as("the position of %s", event).isNotBlank();
        JsonNode data = event.json();
        assertThat(data.path("kind").asText()).as("kind of %s", event).isEqualTo(event.event());
        String taskId = data.path("task_id").asText();
        long version = data.path("version").asLong(-1);
        if (!event.is("deleted") && !event.is("expired")) {
            assertThat(data.path("task").path("id").asText())
                    .as("task of %s", event)
                    .isEqualTo(taskId);
            assertThat(data.path("task").path("version").asLong())
                    .as("task of %s", event)
                    .isEqualTo(version);
            assertThat(data.path("task").path("status").asText())
                    .as("task of %s", event)
                    .isEqualTo(data.path("status").asText());
        }
        return Map.entry(taskId, new Change(event.event(), version));
    }
}
