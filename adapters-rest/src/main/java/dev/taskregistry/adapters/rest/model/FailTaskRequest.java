package dev.taskregistry.adapters.rest.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.taskregistry.domain.Task;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /tasks/{id}/fail}: why the task failed. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "Failure", additionalProperties = Schema.False.class)
public record FailTaskRequest(
        @Schema(
                required = true,
                minLength = 1,
                maxLength = Task.MAX_TEXT_LENGTH,
                description = "Why; must not be blank")
        String error) {}
