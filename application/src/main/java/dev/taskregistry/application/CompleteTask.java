package dev.taskregistry.application;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskResult;

/** Finishes a task with an optional result, kept at least for the result retention. */
public final class CompleteTask {

    private final OptimisticTaskUpdater updater;
    private final TtlPolicy ttlPolicy;

    public CompleteTask(OptimisticTaskUpdater updater, TtlPolicy ttlPolicy) {
        this.updater = updater;
        this.ttlPolicy = ttlPolicy;
    }

    public Task complete(TaskId id, TaskResult result, ExpectedVersion expected) {
        return updater.update(id, expected, (task, now) -> task.complete(result, now, ttlPolicy.resultRetention()));
    }
}
