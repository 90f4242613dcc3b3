package dev.taskregistry.bootstrap.events;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.bootstrap.ApiClient.ApiResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The check the feed ITs rely on fails for each way a feed can go wrong: a change missing, twice, out of order. */
class ChangeLedgerTest {

    private final ChangeLedger ledger = new ChangeLedger();

    @BeforeEach
    void acknowledge() {
        ledger.stored("registered", task("a", 1));
        ledger.stored("registered", task("b", 1));
        ledger.stored("updated", task("a", 2));
        ledger.deleted("a", 2);
    }

    @Test
    void everyChangeOnce_inEachTasksOrder_passes_howeverTheTasksInterleave() {
        assertThatCode(() -> ledger.assertReceivedExactlyOnce(
                        List.of(registered("1", "a", 1), updated("2", "a", 2), registered("3", "b", 1), deleted("4"))))
                .doesNotThrowAnyException();
    }

    @Test
    void aMissingChange_fails() {
        assertThatThrownBy(() -> ledger.assertReceivedExactlyOnce(
                        List.of(registered("1", "a", 1), registered("3", "b", 1), deleted("4"))))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aChangeTwice_fails() {
        assertThatThrownBy(() -> ledger.assertReceivedExactlyOnce(List.of(
                        registered("1", "a", 1),
                        updated("2", "a", 2),
                        updated("2", "a", 2),
                        registered("3", "b", 1),
                        deleted("4"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("delivered twice");
    }

    @Test
    void aTasksChangesOutOfOrder_fail() {
        assertThatThrownBy(() -> ledger.assertReceivedExactlyOnce(
                        List.of(updated("2", "a", 2), registered("1", "a", 1), registered("3", "b", 1), deleted("4"))))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void anotherEvent_fails() {
        assertThatThrownBy(() -> ledger.assertReceivedExactlyOnce(List.of(
                        registered("1", "a", 1),
                        updated("2", "a", 2),
                        SseEvent.event("reset", "3", "{\"resume_after\":\"3\"}"),
                        registered("4", "b", 1),
                        deleted("5"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("a change event");
    }

    private static ApiResponse task(String id, long version) {
        return new ApiResponse(200, Map.of(), taskJson(id, version));
    }

    private static String taskJson(String id, long version) {
        return "{\"id\":\"" + id + "\",\"status\":\"running\",\"version\":" + version + "}";
    }

    private static SseEvent registered(String position, String id, long version) {
        return change("registered", position, id, version);
    }

    private static SseEvent updated(String position, String id, long version) {
        return change("updated", position, id, version);
    }

    private static SseEvent change(String kind, String position, String id, long version) {
        return SseEvent.event(
                kind,
                position,
                "{\"kind\":\"" + kind + "\",\"task_id\":\"" + id + "\",\"status\":\"running\",\"version\":" + version
                        + ",\"task\":" + taskJson(id, version) + "}");
    }

    private static SseEvent deleted(String position) {
        return SseEvent.event(
                "deleted", position, "{\"kind\":\"deleted\",\"task_id\":\"a\",\"status\":\"running\",\"version\":2}");
    }
}
