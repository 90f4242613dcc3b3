package dev.taskregistry.adapters.rest.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskChangeKind;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The data of one change event on an event stream: what happened, to which task, and the task as stored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"kind", "task_id", "type", "status", "version", "task"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(
        name = "TaskEvent",
        description = "The data of a registered, updated, deleted or expired event",
        additionalProperties = Schema.False.class)
public record TaskEventResponse(
        @Schema(
                required = true,
                enumeration = {"registered", "updated", "deleted", "expired"})
        String kind,

        @Schema(required = true, pattern = FieldPatterns.TASK_ID)
        String taskId,

        @Schema(required = true, pattern = FieldPatterns.TASK_TYPE)
        String type,

        @Schema(required = true, description = "The status the change left; for a removal, the one the task had")
        String status,

        @Schema(description = "The version stored or removed; absent for an expiry whose version is unknown")
        Long version,

        @Schema(description = "The task as stored; absent for deleted and expired", implementation = TaskResponse.class)
        TaskResponse task) {

    public static TaskEventResponse of(TaskChange change) {
        return new TaskEventResponse(
                kindName(change.kind()),
                change.taskId().value(),
                change.type().value(),
                WireNames.statusName(change.status()),
                change.version().isPresent() ? change.version().getAsLong() : null,
                change.task().map(TaskResponse::of).orElse(null));
    }

    /** The expiry of {@code lastKnown}, seen when the store no longer had it. */
    public static TaskEventResponse expiryOf(Task lastKnown) {
        return new TaskEventResponse(
                kindName(TaskChangeKind.EXPIRED),
                lastKnown.id().value(),
                lastKnown.type().value(),
                WireNames.statusName(lastKnown.status()),
                lastKnown.version(),
                null);
    }

    /** The SSE event name of a change, e.g. {@code updated}. */
    public static String kindName(TaskChangeKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
