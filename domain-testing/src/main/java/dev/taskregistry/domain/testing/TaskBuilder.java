package dev.taskregistry.domain.testing;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskResult;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import java.time.Instant;

/**
 * A task with some fields changed, as a store could hold it: starts from every field of a task and builds
 * through the one way to rebuild a task ({@link Task}'s canonical constructor), so its invariants hold and
 * a test names only the field it changes. Get one from {@link TestTasks#aTask(Instant)} or
 * {@link TestTasks#aTaskLike(Task)}.
 */
public final class TaskBuilder {

    private TaskId id;
    private TaskType type;
    private TaskStatus status;
    private String resourceUrl;
    private Instant estimatedCompletion;
    private double progress;
    private Instant createdAt;
    private Instant updatedAt;
    private Instant startedAt;
    private Instant completedAt;
    private String query;
    private int completedSteps;
    private Integer totalSteps;
    private TaskResult result;
    private String error;
    private Instant expiresAt;
    private long version;

    TaskBuilder(Task task) {
        id = task.id();
        type = task.type();
        status = task.status();
        resourceUrl = task.resourceUrl();
        estimatedCompletion = task.estimatedCompletion();
        progress = task.progress();
        createdAt = task.createdAt();
        updatedAt = task.updatedAt();
        startedAt = task.startedAt();
        completedAt = task.completedAt();
        query = task.query();
        completedSteps = task.completedSteps();
        totalSteps = task.totalSteps();
        result = task.result();
        error = task.error();
        expiresAt = task.expiresAt();
        version = task.version();
    }

    /** The task; fails with the domain's own error when the fields break one of its rules. */
    public Task build() {
        return new Task(id, type, status, resourceUrl, estimatedCompletion, progress, createdAt, updatedAt, startedAt,
                completedAt, query, completedSteps, totalSteps, result, error, expiresAt, version);
    }

    public TaskBuilder withId(TaskId value) {
        id = value;
        return this;
    }

    public TaskBuilder withType(TaskType value) {
        type = value;
        return this;
    }

    public TaskBuilder withStatus(TaskStatus value) {
        status = value;
        return this;
    }

    public TaskBuilder withProgress(double value) {
        progress = value;
        return this;
    }

    /** {@code completed_steps} and {@code total_steps} (null when unknown), which the rules check together. */
    public TaskBuilder withSteps(int completed, Integer total) {
        completedSteps = completed;
        totalSteps = total;
        return this;
    }

    public TaskBuilder withResult(TaskResult value) {
        result = value;
        return this;
    }

    public TaskBuilder withError(String value) {
        error = value;
        return this;
    }

    /** Any expiry, also one below the minimum TTL, as a store may hold after time has passed. */
    public TaskBuilder withExpiresAt(Instant value) {
        expiresAt = value;
        return this;
    }

    public TaskBuilder withVersion(long value) {
        version = value;
        return this;
    }
}
