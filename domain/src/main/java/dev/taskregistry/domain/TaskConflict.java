package dev.taskregistry.domain;

/** The change contradicts the current state of the task; repeating it unchanged will not help. */
public abstract sealed class TaskConflict extends TaskRegistryException
        permits TaskAlreadyExists, IllegalTaskTransition, ConcurrentTaskUpdate {

    private final TaskId id;

    protected TaskConflict(TaskId id, String message) {
        super(message);
        this.id = id;
    }

    public TaskId id() {
        return id;
    }
}
