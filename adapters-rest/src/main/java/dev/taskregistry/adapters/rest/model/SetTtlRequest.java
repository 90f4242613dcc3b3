package dev.taskregistry.adapters.rest.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.taskregistry.domain.InvalidTaskField;

/** Body of {@code PUT /tasks/{id}/ttl}: the new lifetime in whole seconds, counted from now. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SetTtlRequest(Long ttlSeconds) {

    public long requiredTtlSeconds() {
        if (ttlSeconds == null) {
            throw new InvalidTaskField("ttl_seconds", "is required");
        }
        return ttlSeconds;
    }
}
