package dev.taskregistry.domain;

import java.time.Instant;

/** What a client states about a new task: everything but the time-dependent fields. */
public record TaskRegistration(
        TaskId id, TaskType type, String resourceUrl, String query, Integer totalSteps, Instant estimatedCompletion) {

    public TaskRegistration {
        require(id, TaskField.ID);
        require(type, TaskField.TYPE);
        require(resourceUrl, TaskField.RESOURCE_URL);
        if (totalSteps != null && totalSteps < 1) {
            throw new InvalidTaskField(TaskField.TOTAL_STEPS, "must be at least 1, was " + totalSteps);
        }
        Task.checkText(TaskField.QUERY, query);
    }

    private static void require(Object value, TaskField field) {
        if (value == null) {
            throw new InvalidTaskField(field, "is required");
        }
    }
}
