package dev.taskregistry.adapters.rest.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.TaskField;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PUT /tasks/{id}/ttl}: the new lifetime in whole seconds, counted from now. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "TtlChange", additionalProperties = Schema.False.class)
public record SetTtlRequest(
        @Schema(
                required = true,
                minimum = "1",
                description = "The task expires this many seconds from now; "
                        + "at most taskregistry.task.max-ttl (default 604800, 7 days)")
        Long ttlSeconds) {

    public long requiredTtlSeconds() {
        if (ttlSeconds == null) {
            throw new InvalidTaskField(TaskField.TTL, "is required");
        }
        return ttlSeconds;
    }
}
