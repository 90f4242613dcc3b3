package dev.taskregistry.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a task is in its life; COMPLETED, FAILED and CANCELLED are terminal. */
public enum TaskStatus {
    PENDING, RUNNING, COMPLETED, FAILED, CANCELLED;

    private static final String VALID_NAMES = Arrays.stream(values())
            .map(TaskStatus::wireName)
            .collect(Collectors.joining(", "));

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** The lowercase name used on the wire and in stored documents. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TaskStatus fromWireName(String field, String name) {
        for (TaskStatus status : values()) {
            if (status.wireName().equals(name)) {
                return status;
            }
        }
        throw new InvalidTaskField(field, "must be one of " + VALID_NAMES + ", was '" + name + "'");
    }
}
