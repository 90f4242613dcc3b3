package dev.taskregistry.application;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;

/** Moves a PENDING task to RUNNING. */
public final class StartTask {

    private final OptimisticTaskUpdater updater;

    public StartTask(OptimisticTaskUpdater updater) {
        this.updater = updater;
    }

    public Task start(TaskId id, ExpectedVersion expected) {
        return updater.update(id, expected, Task::start);
    }
}
