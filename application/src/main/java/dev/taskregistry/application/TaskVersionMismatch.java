package dev.taskregistry.application;

import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskRegistryException;

/** The client based its change on a version that is no longer current; it must read the task again. */
public final class TaskVersionMismatch extends TaskRegistryException {

    private final TaskId id;

    public TaskVersionMismatch(TaskId id, ExpectedVersion expected, Long current) {
        super("task '" + id + "' is " + (current == null ? "no longer" : "at version " + current + ", not")
                + " at " + expected.describe() + "; read it again");
        this.id = id;
    }

    public TaskId id() {
        return id;
    }
}
