package dev.taskregistry.domain;

import java.time.Instant;

/** What a client states about a new task: everything but the time-dependent fields. */
public record TaskRegistration(
        TaskId id,
        TaskType type,
        String resourceUrl,
        String query,
        Integer totalSteps,
        Instant estimatedCompletion) {

    public TaskRegistration {
        require(id, "id");
        require(type, "type");
        require(resourceUrl, "resource_url");
        if (totalSteps != null && totalSteps < 1) {
            throw new InvalidTaskField("total_steps", "must be at least 1, was " + totalSteps);
        }
        Task.checkText("query", query);
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw new InvalidTaskField(field, "is required");
        }
    }
}
