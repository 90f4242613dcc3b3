package dev.taskregistry.domain;

/** A live task has this id already; registration never overwrites it. */
public final class TaskAlreadyExists extends TaskConflict {

    public TaskAlreadyExists(TaskId id) {
        super(id, "task '" + id + "' exists already");
    }
}
