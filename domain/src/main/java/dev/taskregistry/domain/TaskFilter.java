package dev.taskregistry.domain;

import java.util.Optional;

/** Which live tasks a listing returns: optionally only one status, optionally only one type. */
public record TaskFilter(Optional<TaskStatus> status, Optional<TaskType> type) {

    public TaskFilter {
        status = status == null ? Optional.empty() : status;
        type = type == null ? Optional.empty() : type;
    }

    public static TaskFilter all() {
        return new TaskFilter(Optional.empty(), Optional.empty());
    }

    public static TaskFilter of(TaskStatus status, TaskType type) {
        return new TaskFilter(Optional.ofNullable(status), Optional.ofNullable(type));
    }

    public boolean matches(Task task) {
        return status.map(s -> s == task.status()).orElse(true)
                && type.map(t -> t.equals(task.type())).orElse(true);
    }
}
