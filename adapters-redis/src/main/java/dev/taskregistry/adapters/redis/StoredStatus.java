package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskStatus;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the Redis store names a status: lowercase, in documents ({@code "status": "running"}), index keys
 * ({@code {p}:idx:status:running}) and script arguments, as the original service wrote them. The REST API
 * names statuses the same way today, but each adapter owns its format: stored data must stay readable
 * whatever the API becomes.
 */
final class StoredStatus {

    private static final String KNOWN =
            Arrays.stream(TaskStatus.values()).map(StoredStatus::nameOf).collect(Collectors.joining(", "));

    private StoredStatus() {}

    static String nameOf(TaskStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** The status a stored name stands for; documents of the original service may use any case. */
    static TaskStatus named(String name) {
        String lowercase = name.toLowerCase(Locale.ROOT);
        for (TaskStatus status : TaskStatus.values()) {
            if (nameOf(status).equals(lowercase)) {
                return status;
            }
        }
        throw new IllegalArgumentException("'status' must be one of " + KNOWN + ", was '" + name + "'");
    }
}
