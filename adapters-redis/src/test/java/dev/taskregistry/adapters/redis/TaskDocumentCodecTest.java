package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.ProgressReport;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskField;
import dev.taskregistry.domain.TaskResult;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.testing.TestTasks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TaskDocumentCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:15:30.123456Z");
    private static final Instant LEGACY_EXPIRY = Instant.parse("2026-11-30T10:20:00Z");

    private final TaskDocumentCodec codec = new TaskDocumentCodec();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void document_hasTheSeventeenSnakeCaseFields_aLowercaseStatus_andUtcMillisecondInstants() throws Exception {
        Task task = TestTasks.pendingTask(NOW).start(NOW.plusSeconds(1));

        JsonNode doc = json.readTree(codec.encode(task));

        assertThat(doc.fieldNames())
                .toIterable()
                .containsExactly(
                        "id",
                        "type",
                        "status",
                        "resource_url",
                        "estimated_completion",
                        "progress",
                        "created_at",
                        "updated_at",
                        "query",
                        "completed_steps",
                        "total_steps",
                        "started_at",
                        "completed_at",
                        "result",
                        "error",
                        "expires_at",
                        "version");
        assertThat(doc.get("status").asText()).isEqualTo("running");
        assertThat(doc.get("created_at").asText()).isEqualTo("2026-11-30T10:15:30.123Z");
        assertThat(doc.get("started_at").asText()).isEqualTo("2026-11-30T10:15:31.123Z");
        assertThat(doc.get("completed_at").isNull()).isTrue();
        assertThat(doc.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void result_isEmbeddedAsJson_andReadBackWithTheTextOfItsNumbers() throws Exception {
        String result = "{\"score\":0.930,\"ratio\":1.0,\"big\":12345678901234567890,\"tags\":[\"a\",null]}";
        Task completed = TestTasks.pendingTask(NOW).complete(TaskResult.ofJson(result), NOW, TestTasks.RETENTION);

        String encoded = codec.encode(completed);

        assertThat(json.readTree(encoded).get("result").isObject()).isTrue();
        assertThat(decode(encoded).result()).isEqualTo(TaskResult.ofJson(result));
    }

    @Test
    void resultThatIsNotJson_isRejectedNamingTheResultField() {
        Task completed = TestTasks.pendingTask(NOW).complete(TaskResult.ofJson("{not json"), NOW, TestTasks.RETENTION);

        assertThatThrownBy(() -> codec.encode(completed))
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.RESULT));
    }

    @Test
    void resultWithTextAfterItsJsonValue_isRejectedNamingTheResultField() {
        Task completed = TestTasks.pendingTask(NOW).complete(TaskResult.ofJson("1 2"), NOW, TestTasks.RETENTION);

        assertThatThrownBy(() -> codec.encode(completed))
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.RESULT));
    }

    @Test
    void everyFieldSurvivesTheRoundTrip() {
        Task task = TestTasks.pendingTask(NOW)
                .reportProgress(new ProgressReport(3, 10, null), NOW.plusMillis(7))
                .fail("broker timed out", NOW.plusMillis(9), TestTasks.RETENTION);

        assertThat(decode(codec.encode(task))).isEqualTo(task);
    }

    @Test
    void documentOfTheOriginalService_readsAsVersionOne_withTheExpiryGivenForIt() {
        Task task = codec.decode(
                        legacyDocument("running", "2026-11-30T10:15:30.123456", "null"),
                        () -> Optional.of(LEGACY_EXPIRY))
                .orElseThrow();

        assertThat(task.version()).isEqualTo(1);
        assertThat(task.expiresAt()).isEqualTo(LEGACY_EXPIRY);
        assertThat(task.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(task.completedSteps()).isZero();
        assertThat(task.totalSteps()).isNull();
        assertThat(task.query()).isEqualTo("analyse ACME");
    }

    @Test
    void instantsWithoutZone_readAsUtc_andWithAnOffset_readAsThatOffset() {
        Instant naive = codec.decode(
                        legacyDocument("pending", "2026-11-30T10:15:30.123456", "null"),
                        () -> Optional.of(LEGACY_EXPIRY))
                .orElseThrow()
                .createdAt();
        Instant offset = codec.decode(
                        legacyDocument("pending", "2026-11-30T11:15:30.123+01:00", "null"),
                        () -> Optional.of(LEGACY_EXPIRY))
                .orElseThrow()
                .createdAt();
        Instant spaced = codec.decode(
                        legacyDocument("pending", "2026-11-30 10:15:30.123", "null"), () -> Optional.of(LEGACY_EXPIRY))
                .orElseThrow()
                .createdAt();

        assertThat(List.of(naive, offset, spaced)).containsOnly(Instant.parse("2026-11-30T10:15:30.123Z"));
    }

    @Test
    void statusIsReadInAnyCase() {
        Task task = codec.decode(
                        legacyDocument("PENDING", "2026-11-30T10:15:30Z", "4"), () -> Optional.of(LEGACY_EXPIRY))
                .orElseThrow();

        assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(task.completedSteps()).isEqualTo(4);
    }

    @Test
    void legacyExpiry_isAskedOnlyForADocumentWithoutExpiresAt() {
        AtomicInteger asked = new AtomicInteger();
        Task task = TestTasks.pendingTask(NOW);

        codec.decode(codec.encode(task), () -> Optional.of(LEGACY_EXPIRY.plusMillis(asked.incrementAndGet())));

        assertThat(asked).hasValue(0);
    }

    @Test
    void unknownFields_areIgnored() {
        Task task = TestTasks.pendingTask(NOW);
        String withExtras = codec.encode(task).replaceFirst("\\{", "{\"owner\":\"worker-3\",\"retries\":[1,2],");

        assertThat(decode(withExtras)).isEqualTo(task);
    }

    @Test
    void documentThatBreaksTheTaskRules_isAStorageFault_notTheCallersBadInput() {
        String broken = legacyDocument("pending", "2026-11-30T10:15:30Z", "-3");

        assertThatThrownBy(() -> codec.decode(broken, () -> Optional.of(LEGACY_EXPIRY)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be read")
                .hasMessageContaining("completed_steps");
    }

    @Test
    void documentThatIsNotJson_isAStorageFault() {
        assertThatThrownBy(() -> codec.decode("{\"id\": \"cut-", Optional::empty))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    void decodingWithoutRedis_readsADocumentWithExpiresAt_andNoneWithout() {
        Task task = TestTasks.pendingTask(NOW).start(NOW);

        assertThat(codec.decode(codec.encode(task))).contains(task);
        assertThat(codec.decode(legacyDocument("running", "2026-11-30T10:15:30.123456", "null")))
                .isEmpty();
    }

    private Task decode(String document) {
        return codec.decode(document, Optional::empty).orElseThrow();
    }

    /** A document as the original Python service wrote it: 15 fields, no version, no expires_at. */
    static String legacyDocument(String status, String createdAt, String completedSteps) {
        return """
                {"id": "legacy-1", "type": "equity_analysis", "status": "%s", "resource_url": "mcp://task/legacy-1",
                 "estimated_completion": null, "progress": 0.0, "created_at": "%s", "updated_at": "%s",
                 "query": "analyse ACME", "completed_steps": %s, "total_steps": null, "started_at": null,
                 "completed_at": null, "result": null, "error": null}
                """.formatted(status, createdAt, createdAt, completedSteps);
    }
}
