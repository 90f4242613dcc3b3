package dev.taskregistry.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One change the registry stored, as its {@link TaskChangeFeed} tells it: where it stands in the feed, what
 * happened, to which task, and the state it left the task in. The id, type and status are there without the
 * task, so a feed can filter every kind of change alike.
 *
 * @param position where the change stands in its feed; resuming after it sees only later changes
 * @param status the status the change left the task in; for a removal, the status the task had
 * @param version the version stored (registered: 1, updated: the new one) or removed (deleted); for an
 *     expiry the last version when the store still knows it (Redis has dropped the document by the time it
 *     prunes the indexes, so it cannot say)
 * @param task the task exactly as stored (as {@link TaskRepository#find} answers it); empty for a removal
 */
public record TaskChange(
        FeedPosition position,
        TaskChangeKind kind,
        TaskId taskId,
        TaskType type,
        TaskStatus status,
        OptionalLong version,
        Optional<Task> task)
        implements FeedEvent {

    public TaskChange {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(task, "task");
        if (kind.storesTask() != task.isPresent()) {
            throw new IllegalArgumentException("'task' must be present exactly when the change stores one, for " + kind
                    + " it was " + (task.isPresent() ? "present" : "absent"));
        }
        if (kind != TaskChangeKind.EXPIRED && version.isEmpty()) {
            throw new IllegalArgumentException("'version' is required for " + kind);
        }
        task.ifPresent(stored -> requireDescribes(stored, taskId, type, status, version));
    }

    /**
     * The change of {@code kind} that stored {@code task} (registered, updated: the event carries it) or
     * removed it (deleted, expired: the event carries its last status and version, not the task).
     */
    public static TaskChange of(FeedPosition position, TaskChangeKind kind, Task task) {
        return new TaskChange(
                position,
                kind,
                task.id(),
                task.type(),
                task.status(),
                OptionalLong.of(task.version()),
                kind.storesTask() ? Optional.of(task) : Optional.empty());
    }

    /**
     * This change at another position: for a feed made of several streams, which tells a change by the position
     * of the whole feed after it rather than by the stream's own.
     */
    public TaskChange withPosition(FeedPosition other) {
        return new TaskChange(other, kind, taskId, type, status, version, task);
    }

    private static void requireDescribes(
            Task stored, TaskId taskId, TaskType type, TaskStatus status, OptionalLong version) {
        if (!stored.id().equals(taskId)
                || !stored.type().equals(type)
                || stored.status() != status
                || version.getAsLong() != stored.version()) {
            throw new IllegalArgumentException("'task' must have the change's id, type, status and version, was "
                    + stored.id() + " " + stored.type() + " " + stored.status() + " v" + stored.version());
        }
    }
}
