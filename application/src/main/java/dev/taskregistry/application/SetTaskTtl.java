package dev.taskregistry.application;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import java.time.Duration;

/** Gives a task a new lifetime counted from now, within the TTL bounds; allowed in every status. */
public final class SetTaskTtl {

    private final OptimisticTaskUpdater updater;
    private final TtlPolicy ttlPolicy;

    public SetTaskTtl(OptimisticTaskUpdater updater, TtlPolicy ttlPolicy) {
        this.updater = updater;
        this.ttlPolicy = ttlPolicy;
    }

    public Task setTtl(TaskId id, long ttlSeconds, ExpectedVersion expected) {
        Duration ttl = ttlPolicy.ttlFor(ttlSeconds);
        return updater.update(id, expected, (task, now) -> task.withTtl(ttl, now));
    }
}
