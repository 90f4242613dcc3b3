package dev.taskregistry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.adapters.rest.model.StatsResponse;
import dev.taskregistry.adapters.rest.model.TaskResponse;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskRegistration;
import dev.taskregistry.domain.TaskType;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The typed body writers write exactly what the API's mapper writes, for their type only, and leave the stream open. */
class ResponseBodyWritersTest {

    private static final Annotation[] NONE = new Annotation[0];
    private final ResponseBodyWriters.TaskBody writer = new ResponseBodyWriters.TaskBody();

    @Test
    void aTask_isWrittenAsTheApiMapperWritesIt_withUnicodeBeyondTheBmpAsItsUtf8Bytes() throws Exception {
        TaskResponse task = TaskResponse.of(task("analyse \uD83D\uDE80 and \u00e9"));
        StreamThatMustStayOpen entity = new StreamThatMustStayOpen();

        writer.writeTo(
                task,
                TaskResponse.class,
                TaskResponse.class,
                NONE,
                MediaType.APPLICATION_JSON_TYPE,
                new MultivaluedHashMap<>(),
                entity);

        assertThat(entity.toString(StandardCharsets.UTF_8))
                .isEqualTo(ObjectMapperResolver.MAPPER.writeValueAsString(task))
                .contains("analyse \uD83D\uDE80 and \u00e9");
        assertThat(entity.closed).as("the container's stream was closed").isFalse();
    }

    @Test
    void aWriter_takesOnlyItsOwnType_asJson() {
        assertThat(writer.isWriteable(TaskResponse.class, TaskResponse.class, NONE, MediaType.APPLICATION_JSON_TYPE))
                .isTrue();
        assertThat(writer.isWriteable(TaskResponse.class, TaskResponse.class, NONE, MediaType.WILDCARD_TYPE))
                .isTrue();
        assertThat(writer.isWriteable(StatsResponse.class, StatsResponse.class, NONE, MediaType.APPLICATION_JSON_TYPE))
                .isFalse();
        assertThat(writer.isWriteable(TaskResponse.class, TaskResponse.class, NONE, MediaType.TEXT_PLAIN_TYPE))
                .isFalse();
    }

    private static Task task(String query) {
        return Task.register(
                new TaskRegistration(
                        TaskId.of("t-1"), TaskType.of("equity_analysis"), "mcp://task/t-1", query, 4, null),
                Instant.parse("2026-11-30T10:00:00Z"),
                Duration.ofMinutes(5));
    }

    private static final class StreamThatMustStayOpen extends ByteArrayOutputStream {
        private boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }
}
