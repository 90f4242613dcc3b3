package dev.taskregistry.adapters.rest.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.taskregistry.application.RegisterTaskCommand;
import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskField;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /tasks}: only {@code type} is required. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(
        name = "RegisterTask",
        description = "A new task; unknown fields are rejected",
        additionalProperties = Schema.False.class)
public record RegisterTaskRequest(
        @Schema(
                pattern = FieldPatterns.TASK_ID,
                description = "Leave it out to get a generated, unguessable <type>-<32 hex chars>")
        String id,

        @Schema(required = true, pattern = FieldPatterns.TASK_TYPE, example = "equity_analysis")
        String type,

        @Schema(maxLength = Task.MAX_TEXT_LENGTH, description = "What the task works on")
        String query,

        @Schema(minimum = "1", description = "Known number of steps; progress is then completed_steps / total_steps")
        Integer totalSteps,

        @Schema(description = "When the task is expected to end")
        Instant estimatedCompletion,

        @Schema(
                minimum = "1",
                description = "Lifetime in seconds, at most taskregistry.task.max-ttl (default 604800, 7 days); "
                        + "default taskregistry.task.default-ttl (300)")
        Long ttlSeconds) {

    public RegisterTaskCommand toCommand() {
        if (type == null) {
            throw new InvalidTaskField(TaskField.TYPE, "is required");
        }
        return new RegisterTaskCommand(
                id == null ? null : TaskId.of(id),
                TaskType.of(type),
                query,
                totalSteps,
                estimatedCompletion,
                ttlSeconds);
    }
}
