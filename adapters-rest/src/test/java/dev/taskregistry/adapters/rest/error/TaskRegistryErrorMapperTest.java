package dev.taskregistry.adapters.rest.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.ConcurrentTaskUpdate;
import dev.taskregistry.domain.IllegalTaskTransition;
import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.TaskAlreadyExists;
import dev.taskregistry.domain.TaskField;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskRegistryException;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskStoreUnavailable;
import dev.taskregistry.domain.TaskVersionMismatch;
import jakarta.ws.rs.core.Response;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each domain error has its own status, problem type and field; an outage alone carries Retry-After. */
class TaskRegistryErrorMapperTest {

    private static final TaskId ID = TaskId.of("mapped-1");

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(new InvalidTaskField(TaskField.TYPE, "is required"), 400, "invalid-field", "type"),
                Arguments.of(new TaskNotFound(ID), 404, "task-not-found", "id"),
                Arguments.of(new TaskVersionMismatch(ID, "version 3", 4L), 412, "version-mismatch", "If-Match"),
                Arguments.of(new TaskAlreadyExists(ID), 409, "task-already-exists", null),
                Arguments.of(
                        new IllegalTaskTransition(ID, TaskStatus.CANCELLED, "complete"),
                        409,
                        "illegal-transition",
                        null),
                Arguments.of(new ConcurrentTaskUpdate(ID), 409, "concurrent-update", null),
                Arguments.of(new TaskStoreUnavailable("connection refused", null), 503, "store-unavailable", null));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void aDomainError_isAnsweredWithItsStatusProblemTypeAndField(
            TaskRegistryException error, int status, String slug, String field) {
        Response response = new TaskRegistryErrorMapper().toResponse(error);

        Problem problem = (Problem) response.getEntity();
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getMediaType()).hasToString(Problem.MEDIA_TYPE);
        assertThat(problem.type()).hasToString("https://taskregistry.dev/problems/" + slug);
        assertThat(problem.field()).isEqualTo(field);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo(status == 503 ? "2" : null);
    }

    @Test
    void anInvalidField_isNamedAsTheClientSentIt_alsoWhereTheProblemMentionsAnother() {
        Response response = new TaskRegistryErrorMapper()
                .toResponse(new InvalidTaskField(TaskField.TTL, "must not exceed ", TaskField.TOTAL_STEPS, " seconds"));

        Problem problem = (Problem) response.getEntity();
        assertThat(problem.field()).isEqualTo("ttl_seconds");
        assertThat(problem.detail()).isEqualTo("'ttl_seconds' must not exceed total_steps seconds");
    }
}
