package dev.taskregistry.benchmarks;

import dev.taskregistry.domain.ProgressReport;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskRegistration;
import dev.taskregistry.domain.TaskResult;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Typical tasks for the benchmarks: the shape of the tests' fixture (a pending equity_analysis task with a
 * query and 10 steps, living 5 minutes), taken through its life to any status, with deterministic ids so a
 * populated registry can be found again. Built through the domain's own API only: the benchmarks jar holds
 * no test code.
 */
public final class BenchmarkTasks {

    public static final TaskType DEFAULT_TYPE = TaskType.of("equity_analysis");
    /** Four types, so stats count more than one type index, as a real registry would. */
    public static final List<TaskType> TYPES = List.of(
            DEFAULT_TYPE, TaskType.of("bond_pricing"), TaskType.of("risk_report"), TaskType.of("portfolio_rebalance"));

    public static final TaskResult RESULT = TaskResult.ofJson("{\"score\":0.93,\"currency\":\"USD\"}");
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration RETENTION = Duration.ofMinutes(5);

    private BenchmarkTasks() {}

    /** A new pending task living {@code ttl}, as a client registers it. */
    public static Task pending(String id, TaskType type, Instant now, Duration ttl) {
        TaskRegistration registration =
                new TaskRegistration(TaskId.of(id), type, "mcp://task/" + id, "analyse ACME", 10, null);
        return Task.register(registration, now, ttl);
    }

    public static Task pending(String id, Instant now) {
        return pending(id, DEFAULT_TYPE, now, TTL);
    }

    /**
     * Task number {@code n} of a populated registry: type and status round-robin (each status a fifth of
     * the tasks), expiring at {@code expiryBase + n} ms so every task has its own place in the listing order.
     */
    public static Task numbered(int n, Instant now, Instant expiryBase) {
        Task pending =
                pending("task-" + n, TYPES.get(n % TYPES.size()), now, Duration.between(now, expiryBase.plusMillis(n)));
        TaskStatus status = TaskStatus.values()[n % TaskStatus.values().length];
        return inStatus(pending, status, now);
    }

    /** The task taken to {@code status} the way the use cases would (completion with a small result). */
    public static Task inStatus(Task pending, TaskStatus status, Instant now) {
        return switch (status) {
            case PENDING -> pending;
            case RUNNING -> pending.reportProgress(ProgressReport.ofSteps(3), now);
            case COMPLETED -> pending.start(now).complete(RESULT, now, RETENTION);
            case FAILED -> pending.start(now).fail("upstream timed out", now, RETENTION);
            case CANCELLED -> pending.cancel(now, RETENTION);
        };
    }
}
