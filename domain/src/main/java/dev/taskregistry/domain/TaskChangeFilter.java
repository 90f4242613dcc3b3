package dev.taskregistry.domain;

import java.util.Optional;

/**
 * Which changes a feed reader wants: optionally only those that leave a task in one status (a removal counts
 * with the status the task had), of one type, or of one task (a task's stream).
 */
public record TaskChangeFilter(Optional<TaskStatus> status, Optional<TaskType> type, Optional<TaskId> taskId) {

    public TaskChangeFilter {
        status = status == null ? Optional.empty() : status;
        type = type == null ? Optional.empty() : type;
        taskId = taskId == null ? Optional.empty() : taskId;
    }

    public static TaskChangeFilter all() {
        return new TaskChangeFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Changes of any task with this status and type; null stands for any. */
    public static TaskChangeFilter of(TaskStatus status, TaskType type) {
        return new TaskChangeFilter(Optional.ofNullable(status), Optional.ofNullable(type), Optional.empty());
    }

    /** Every change of one task. */
    public static TaskChangeFilter ofTask(TaskId id) {
        return new TaskChangeFilter(Optional.empty(), Optional.empty(), Optional.of(id));
    }

    public boolean matches(TaskChange change) {
        return status.map(s -> s == change.status()).orElse(true)
                && type.map(t -> t.equals(change.type())).orElse(true)
                && taskId.map(id -> id.equals(change.taskId())).orElse(true);
    }
}
