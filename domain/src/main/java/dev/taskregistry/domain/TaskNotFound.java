package dev.taskregistry.domain;

/** No live task has this id: it never existed, it expired or it was deleted. */
public final class TaskNotFound extends TaskRegistryException {

    private final TaskId id;

    public TaskNotFound(TaskId id) {
        super("task '" + id + "' does not exist or has expired");
        this.id = id;
    }

    public TaskId id() {
        return id;
    }
}
