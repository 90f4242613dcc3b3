package dev.taskregistry.adapters.rest.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.taskregistry.domain.Task;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A task on the wire: the stored document's fields, with {@code result} embedded as JSON. */
@JsonPropertyOrder({"id", "type", "status", "resource_url", "estimated_completion", "progress", "created_at",
        "updated_at", "started_at", "completed_at", "query", "completed_steps", "total_steps", "result", "error",
        "expires_at", "version"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TaskResponse(
        String id,
        String type,
        String status,
        String resourceUrl,
        Instant estimatedCompletion,
        double progress,
        Instant createdAt,
        Instant updatedAt,
        Instant startedAt,
        Instant completedAt,
        String query,
        int completedSteps,
        Integer totalSteps,
        @Schema(implementation = Object.class, description = "The result as sent: any JSON value, or null")
        @JsonRawValue String result,
        String error,
        Instant expiresAt,
        long version) {

    public static TaskResponse of(Task task) {
        return new TaskResponse(task.id().value(), task.type().value(), task.status().wireName(), task.resourceUrl(),
                task.estimatedCompletion(), task.progress(), task.createdAt(), task.updatedAt(), task.startedAt(),
                task.completedAt(), task.query(), task.completedSteps(), task.totalSteps(),
                task.result() == null ? null : task.result().json(), task.error(), task.expiresAt(), task.version());
    }
}
