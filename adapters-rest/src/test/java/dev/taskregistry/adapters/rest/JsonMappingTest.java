package dev.taskregistry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskregistry.adapters.rest.model.CompleteTaskRequest;
import dev.taskregistry.adapters.rest.model.RegisterTaskRequest;
import dev.taskregistry.adapters.rest.model.ReportProgressRequest;
import dev.taskregistry.adapters.rest.model.TaskResponse;
import dev.taskregistry.domain.ProgressReport;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskRegistration;
import dev.taskregistry.domain.TaskResult;
import dev.taskregistry.domain.TaskType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The exact wire format of a task, and the strictness of request parsing. */
class JsonMappingTest {

    private static final ObjectMapper MAPPER = JsonMapping.createMapper();
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void aTask_isWrittenInExactlyThisForm() throws Exception {
        Task task = Task.register(
                        new TaskRegistration(
                                TaskId.of("t-1"),
                                TaskType.of("equity_analysis"),
                                "mcp://task/t-1",
                                "analyse ACME",
                                4,
                                Instant.parse("2026-11-30T11:00:00.5Z")),
                        T0,
                        Duration.ofMinutes(5))
                .reportProgress(ProgressReport.ofSteps(1), T0.plusMillis(1500))
                .complete(
                        TaskResult.ofJson("{\"score\":0.93,\"tags\":[\"a\"]}"),
                        T0.plusSeconds(2),
                        Duration.ofMinutes(5));

        String json = MAPPER.writeValueAsString(TaskResponse.of(task));

        assertThat(json)
                .isEqualTo("{\"id\":\"t-1\",\"type\":\"equity_analysis\",\"status\":\"completed\","
                        + "\"resource_url\":\"mcp://task/t-1\",\"estimated_completion\":\"2026-11-30T11:00:00.500Z\",\"progress\":1.0,"
                        + "\"created_at\":\"2026-11-30T10:00:00.000Z\",\"updated_at\":\"2026-11-30T10:00:02.000Z\","
                        + "\"started_at\":\"2026-11-30T10:00:01.500Z\",\"completed_at\":\"2026-11-30T10:00:02.000Z\","
                        + "\"query\":\"analyse ACME\",\"completed_steps\":4,\"total_steps\":4,"
                        + "\"result\":{\"score\":0.93,\"tags\":[\"a\"]},\"error\":null,"
                        + "\"expires_at\":\"2026-11-30T10:05:02.000Z\",\"version\":3}");
    }

    @Test
    void aResult_isReadAsCompactJsonOfAnyKind() throws Exception {
        assertThat(MAPPER.readValue("{\"result\": { \"a\" : [1, 2.50] }}", CompleteTaskRequest.class)
                        .toResult())
                .isEqualTo(TaskResult.ofJson("{\"a\":[1,2.50]}"));
        assertThat(MAPPER.readValue("{\"result\":7}", CompleteTaskRequest.class).toResult())
                .isEqualTo(TaskResult.ofJson("7"));
        assertThat(MAPPER.readValue("{\"result\":null}", CompleteTaskRequest.class)
                        .toResult())
                .isNull();
        assertThat(MAPPER.readValue("{}", CompleteTaskRequest.class).toResult()).isNull();
    }

    @Test
    void requests_useSnakeCaseNames() throws Exception {
        RegisterTaskRequest request = MAPPER.readValue(
                "{\"type\":\"t\",\"total_steps\":3,\"ttl_seconds\":60,\"estimated_completion\":\"2026-11-30T10:00:00Z\"}",
                RegisterTaskRequest.class);

        assertThat(request.totalSteps()).isEqualTo(3);
        assertThat(request.ttlSeconds()).isEqualTo(60L);
        assertThat(request.estimatedCompletion()).isEqualTo(T0);
    }

    @Test
    void unknownFieldsWrongTypesAndFractions_areRejected() {
        assertThatThrownBy(() -> MAPPER.readValue("{\"type\":\"t\",\"extra\":1}", RegisterTaskRequest.class))
                .isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> MAPPER.readValue("{\"type\":1}", RegisterTaskRequest.class))
                .isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> MAPPER.readValue("{\"type\":\"t\",\"ttl_seconds\":1.5}", RegisterTaskRequest.class))
                .isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> MAPPER.readValue("{\"type\":\"t\",\"ttl_seconds\":\"60\"}", RegisterTaskRequest.class))
                .isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> MAPPER.readValue("{\"progress\":\"0.5\"}", ReportProgressRequest.class))
                .isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> MAPPER.readValue("{\"completed_steps\":true}", ReportProgressRequest.class))
                .isInstanceOf(JsonMappingException.class);
    }

    @Test
    void escapedSurrogatePairs_areReadFromBytes_inValuesAndInKeys() throws Exception {
        byte[] body = "{\"result\":{\"\\ud83d\\ude00\":\"\\ud83d\\ude00\"}}".getBytes(StandardCharsets.UTF_8);

        CompleteTaskRequest request = MAPPER.readValue(new ByteArrayInputStream(body), CompleteTaskRequest.class);

        assertThat(request.toResult()).isEqualTo(TaskResult.ofJson("{\"\ud83d\ude00\":\"\ud83d\ude00\"}"));
    }

    @Test
    void nonBmpCharacters_areWrittenAsUtf8_notAsEscapes() throws Exception {
        byte[] written = MAPPER.writeValueAsBytes(java.util.Map.of("query", "\ud83d\ude00"));

        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo("{\"query\":\"\ud83d\ude00\"}");
    }

    @Test
    void duplicateKeys_areRejected() {
        assertThatThrownBy(() -> MAPPER.readValue(
                        new ByteArrayInputStream("{\"type\":\"a\",\"type\":\"b\"}".getBytes(StandardCharsets.UTF_8)),
                        RegisterTaskRequest.class))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("Duplicate field 'type'");
    }

    @Test
    void malformedUtf8_isRejected_neverReplaced() {
        byte[] body = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xC3, '(', '"', '}'};

        assertThatThrownBy(() -> MAPPER.readValue(new ByteArrayInputStream(body), RegisterTaskRequest.class))
                .isInstanceOf(java.nio.charset.CharacterCodingException.class);
    }
}
