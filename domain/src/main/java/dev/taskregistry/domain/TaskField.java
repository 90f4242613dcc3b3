package dev.taskregistry.domain;

import java.util.Locale;

/**
 * The values the domain checks, as its errors name them. Adapters give them their own names: the REST
 * adapter the JSON fields and parameters a client sends, so the domain holds no wire format.
 */
public enum TaskField {
    ID,
    TYPE,
    STATUS,
    RESOURCE_URL,
    QUERY,
    PROGRESS,
    COMPLETED_STEPS,
    TOTAL_STEPS,
    RESULT,
    ERROR,
    TTL,
    CREATED_AT,
    UPDATED_AT,
    STARTED_AT,
    COMPLETED_AT,
    EXPIRES_AT,
    VERSION,
    LIMIT,
    CURSOR;

    /** The domain's own name of the field, as its messages use it: the constant in lower case. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
