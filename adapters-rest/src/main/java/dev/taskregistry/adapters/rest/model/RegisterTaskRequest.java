package dev.taskregistry.adapters.rest.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.taskregistry.application.RegisterTaskCommand;
import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskType;
import java.time.Instant;

/** Body of {@code POST /tasks}: only {@code type} is required. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RegisterTaskRequest(
        String id, String type, String query, Integer totalSteps, Instant estimatedCompletion, Long ttlSeconds) {

    public RegisterTaskCommand toCommand() {
        if (type == null) {
            throw new InvalidTaskField("type", "is required");
        }
        return new RegisterTaskCommand(id == null ? null : TaskId.of(id), TaskType.of(type), query, totalSteps,
                estimatedCompletion, ttlSeconds);
    }
}
