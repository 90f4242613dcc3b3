package dev.taskregistry.domain.testing;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskRegistration;
import dev.taskregistry.domain.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Task fixtures for tests: unique ids, so tests never depend on a wiped store. */
public final class TestTasks {

    public static final TaskType DEFAULT_TYPE = TaskType.of("equity_analysis");
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    public static final Duration RETENTION = Duration.ofMinutes(5);

    private TestTasks() {}

    public static TaskId uniqueId() {
        return TaskId.of("t-" + UUID.randomUUID());
    }

    public static Task pendingTask(Instant now) {
        return pendingTask(now, DEFAULT_TYPE, DEFAULT_TTL);
    }

    public static Task pendingTask(Instant now, TaskType type) {
        return pendingTask(now, type, DEFAULT_TTL);
    }

    public static Task pendingTask(Instant now, TaskType type, Duration ttl) {
        return pendingTask(uniqueId(), now, type, ttl);
    }

    public static Task pendingTask(TaskId id, Instant now, TaskType type, Duration ttl) {
        TaskRegistration registration = new TaskRegistration(id, type, "mcp://task/" + id, "analyse ACME", 10, null);
        return expiringAt(Task.register(registration, now, Task.MIN_TTL), now.plus(ttl));
    }

    /** A pending task whose lifetime ends at exactly {@code expiresAt}, also below the minimum TTL. */
    public static Task pendingTaskExpiringAt(Instant now, Instant expiresAt) {
        return expiringAt(pendingTask(now), expiresAt);
    }

    /** The same task with another {@code expires_at}, rebuilt as a store would; lets tests use lifetimes below the minimum TTL. */
    public static Task expiringAt(Task task, Instant expiresAt) {
        return aTaskLike(task).withExpiresAt(expiresAt).build();
    }

    /** A builder that starts from {@link #pendingTask(Instant)}: change a field or two, then {@code build()}. */
    public static TaskBuilder aTask(Instant now) {
        return aTaskLike(pendingTask(now));
    }

    /** A builder that starts from every field of {@code task}. */
    public static TaskBuilder aTaskLike(Task task) {
        return new TaskBuilder(task);
    }
}
