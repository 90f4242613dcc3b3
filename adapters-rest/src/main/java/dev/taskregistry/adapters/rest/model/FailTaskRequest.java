package dev.taskregistry.adapters.rest.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
/** Body of {@code POST /tasks/{id}/fail}: why the task failed. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FailTaskRequest(String error) {
}
