package dev.taskregistry.application;

import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.TaskField;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskType;
import java.time.Instant;

/** A client's request for a new task; {@code id} and {@code ttlSeconds} are optional (null). */
public record RegisterTaskCommand(
        TaskId id, TaskType type, String query, Integer totalSteps, Instant estimatedCompletion, Long ttlSeconds) {

    public RegisterTaskCommand {
        if (type == null) {
            throw new InvalidTaskField(TaskField.TYPE, "is required");
        }
    }
}
