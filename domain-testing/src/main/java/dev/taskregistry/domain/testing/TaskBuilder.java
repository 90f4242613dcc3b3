package dev.taskregistry.domain.testing;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskLifetime;
import dev.taskregistry.domain.TaskOutcome;
import dev.taskregistry.domain.TaskProgress;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import java.time.Instant;

/**
 * A task with some fields changed, as a store could hold it: starts from every field of a task and builds
 * through the one way to rebuild a task ({@link Task#rebuild}), so its rules hold and a test names only the
 * field it changes. It copies the field groups whole, so a new field in a group needs no change here. Get
 * one from {@link TestTasks#aTask(Instant)} or {@link TestTasks#aTaskLike(Task)}.
 */
public final class TaskBuilder {

    private TaskId id;
    private TaskType type;
    private TaskStatus status;
    private final String resourceUrl;
    private final Instant estimatedCompletion;
    private final String query;
    private TaskProgress progress;
    private TaskLifetime lifetime;
    private TaskOutcome outcome;
    private long version;

    TaskBuilder(Task task) {
        id = task.id();
        type = task.type();
        status = task.status();
        resourceUrl = task.resourceUrl();
        estimatedCompletion = task.estimatedCompletion();
        query = task.query();
        progress = task.taskProgress();
        lifetime = task.lifetime();
        outcome = task.outcome();
        version = task.version();
    }

    /** The task; fails with the domain's own error when the fields break one of its rules. */
    public Task build() {
        return Task.rebuild(
                id, type, status, resourceUrl, estimatedCompletion, query, progress, lifetime, outcome, version);
    }

    public TaskBuilder withId(TaskId value) {
        id = value;
        return this;
    }

    public TaskBuilder withType(TaskType value) {
        type = value;
        return this;
    }

    /** Another status; the rules between status, instants and outcome hold, so change those with it. */
    public TaskBuilder withStatus(TaskStatus value) {
        status = value;
        return this;
    }

    public TaskBuilder withProgress(double value) {
        progress = progress.withFraction(value);
        return this;
    }

    /** {@code completed_steps} and {@code total_steps} (null when unknown), which the rules check together. */
    public TaskBuilder withSteps(int completed, Integer total) {
        progress = progress.withSteps(completed, total);
        return this;
    }

    public TaskBuilder withLifetime(TaskLifetime value) {
        lifetime = value;
        return this;
    }

    /** Any expiry, also one below the minimum TTL, as a store may hold after time has passed. */
    public TaskBuilder withExpiresAt(Instant value) {
        lifetime = lifetime.withExpiresAt(value);
        return this;
    }

    public TaskBuilder withOutcome(TaskOutcome value) {
        outcome = value;
        return this;
    }

    public TaskBuilder withVersion(long value) {
        version = value;
        return this;
    }
}
