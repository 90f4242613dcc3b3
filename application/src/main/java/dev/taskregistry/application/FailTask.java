package dev.taskregistry.application;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;

/** Ends a task as failed with the reason, kept at least for the result retention. */
public final class FailTask {

    private final OptimisticTaskUpdater updater;
    private final TtlPolicy ttlPolicy;

    public FailTask(OptimisticTaskUpdater updater, TtlPolicy ttlPolicy) {
        this.updater = updater;
        this.ttlPolicy = ttlPolicy;
    }

    public Task fail(TaskId id, String error, ExpectedVersion expected) {
        return updater.update(id, expected, (task, now) -> task.fail(error, now, ttlPolicy.resultRetention()));
    }
}
