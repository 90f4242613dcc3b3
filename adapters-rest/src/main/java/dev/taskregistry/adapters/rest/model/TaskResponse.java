package dev.taskregistry.adapters.rest.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskLifetime;
import dev.taskregistry.domain.TaskOutcome;
import dev.taskregistry.domain.TaskProgress;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A task on the wire: the stored document's fields, with {@code result} embedded as JSON. */
@JsonPropertyOrder({
    "id",
    "type",
    "status",
    "resource_url",
    "estimated_completion",
    "progress",
    "created_at",
    "updated_at",
    "started_at",
    "completed_at",
    "query",
    "completed_steps",
    "total_steps",
    "result",
    "error",
    "expires_at",
    "version"
})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(
        name = "Task",
        description = "A task; every field is always present, null where nothing is known",
        additionalProperties = Schema.False.class)
public record TaskResponse(
        @Schema(required = true, pattern = FieldPatterns.TASK_ID, example = "acme-1")
        String id,

        @Schema(required = true, pattern = FieldPatterns.TASK_TYPE, example = "equity_analysis")
        String type,

        @Schema(
                required = true,
                enumeration = {"pending", "running", "completed", "failed", "cancelled"},
                description = "completed, failed and cancelled are terminal")
        String status,

        @Schema(
                required = true,
                description = "From taskregistry.task.resource-url-template",
                example = "mcp://task/acme-1")
        String resourceUrl,

        @Schema(
                required = true,
                nullable = true,
                description = "When the client expects the task to end, as registered")
        Instant estimatedCompletion,

        @Schema(
                required = true,
                minimum = "0",
                maximum = "1",
                description = "0.0 to 1.0; completed_steps / total_steps when total_steps is known, 1.0 once completed")
        double progress,

        @Schema(required = true) Instant createdAt,

        @Schema(required = true, description = "The last change")
        Instant updatedAt,

        @Schema(required = true, nullable = true, description = "When the task started running")
        Instant startedAt,

        @Schema(required = true, nullable = true, description = "When the task reached a terminal status")
        Instant completedAt,

        @Schema(
                required = true,
                nullable = true,
                maxLength = Task.MAX_TEXT_LENGTH,
                description = "What the task works on, as registered")
        String query,

        @Schema(required = true, minimum = "0") int completedSteps,

        @Schema(required = true, nullable = true, minimum = "1", description = "null when unknown")
        Integer totalSteps,

        @Schema(
                required = true,
                nullable = true,
                implementation = Object.class,
                description = "The result of a completed task exactly as sent: any JSON value, or null")
        @JsonRawValue
        String result,

        @Schema(
                required = true,
                nullable = true,
                maxLength = Task.MAX_TEXT_LENGTH,
                description = "Why a failed task failed")
        String error,

        @Schema(required = true, description = "The task is gone for every reader from this instant on")
        Instant expiresAt,

        @Schema(required = true, minimum = "1", description = "1 at registration, +1 on every change; the ETag")
        long version) {

    public static TaskResponse of(Task task) {
        TaskProgress progress = task.taskProgress();
        TaskLifetime lifetime = task.lifetime();
        TaskOutcome outcome = task.outcome();
        return new TaskResponse(
                task.id().value(),
                task.type().value(),
                WireNames.statusName(task.status()),
                task.resourceUrl(),
                task.estimatedCompletion(),
                progress.fraction(),
                lifetime.createdAt(),
                lifetime.updatedAt(),
                lifetime.startedAt(),
                lifetime.completedAt(),
                task.query(),
                progress.completedSteps(),
                progress.totalSteps(),
                outcome.result() == null ? null : outcome.result().json(),
                outcome.error(),
                lifetime.expiresAt(),
                task.version());
    }
}
