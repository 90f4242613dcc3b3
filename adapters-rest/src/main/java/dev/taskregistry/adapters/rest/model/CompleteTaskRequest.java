package dev.taskregistry.adapters.rest.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.taskregistry.domain.TaskResult;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /tasks/{id}/complete}: an optional result, any JSON value. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "Completion", additionalProperties = Schema.False.class)
public record CompleteTaskRequest(
        @Schema(
                implementation = Object.class,
                nullable = true,
                description = "Any JSON value: object, array, number, string or boolean; kept verbatim")
        JsonNode result) {

    /** The result as compact JSON text, or null when there is none (absent or JSON null). */
    public TaskResult toResult() {
        return result == null || result.isNull() ? null : TaskResult.ofJson(result.toString());
    }
}
