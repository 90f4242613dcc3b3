package dev.taskregistry.adapters.rest.model;

import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.TaskField;
import dev.taskregistry.domain.TaskStatus;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The API's names for the domain's values: statuses in lower case ({@code running}), and for each field the
 * JSON field or query parameter a client sends it in, which the answer to a bad value names.
 */
public final class WireNames {

    private static final String STATUS_NAMES =
            Arrays.stream(TaskStatus.values()).map(WireNames::statusName).collect(Collectors.joining(", "));

    private WireNames() {}

    public static String statusName(TaskStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** The status a client named, e.g. in {@code ?status=running}. */
    public static TaskStatus statusNamed(String name) {
        for (TaskStatus status : TaskStatus.values()) {
            if (statusName(status).equals(name)) {
                return status;
            }
        }
        throw new InvalidTaskField(TaskField.STATUS, "must be one of " + STATUS_NAMES + ", was '" + name + "'");
    }

    public static String fieldName(TaskField field) {
        return switch (field) {
            case ID -> "id";
            case TYPE -> "type";
            case STATUS -> "status";
            case RESOURCE_URL -> "resource_url";
            case QUERY -> "query";
            case PROGRESS -> "progress";
            case COMPLETED_STEPS -> "completed_steps";
            case TOTAL_STEPS -> "total_steps";
            case RESULT -> "result";
            case ERROR -> "error";
            case TTL -> "ttl_seconds";
            case CREATED_AT -> "created_at";
            case UPDATED_AT -> "updated_at";
            case STARTED_AT -> "started_at";
            case COMPLETED_AT -> "completed_at";
            case EXPIRES_AT -> "expires_at";
            case VERSION -> "version";
            case LIMIT -> "limit";
            case CURSOR -> "cursor";
        };
    }
}
