package dev.taskregistry.adapters.rest.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The data of a {@code reset} event: the changes after the client's position are no longer retained, so it
 * reads the state again and continues after {@code resume_after}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"resume_after", "task"})
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "FeedReset", description = "The data of a reset event", additionalProperties = Schema.False.class)
public record FeedResetResponse(
        @Schema(required = true, description = "The position the stream continues after (also the event's id)")
        String resumeAfter,

        @Schema(
                description = "A task's stream: the task now; absent when it is gone (the stream then ends) and on"
                        + " /events, whose client lists the tasks again",
                implementation = TaskResponse.class)
        TaskResponse task) {}
