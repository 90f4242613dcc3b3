package dev.taskregistry.application;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;

/** Ends a task as cancelled; it stays readable at least for the result retention. */
public final class CancelTask {

    private final OptimisticTaskUpdater updater;
    private final TtlPolicy ttlPolicy;

    public CancelTask(OptimisticTaskUpdater updater, TtlPolicy ttlPolicy) {
        this.updater = updater;
        this.ttlPolicy = ttlPolicy;
    }

    public Task cancel(TaskId id, ExpectedVersion expected) {
        return updater.update(id, expected, (task, now) -> task.cancel(now, ttlPolicy.resultRetention()));
    }
}
