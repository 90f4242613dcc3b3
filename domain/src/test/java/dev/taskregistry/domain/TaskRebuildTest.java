package dev.taskregistry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Rebuilding a task from storage holds it to the rules between its status, instants and outcome. */
class TaskRebuildTest {

    private static final Instant CREATED = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant STARTED = CREATED.plusSeconds(1);
    private static final Instant ENDED = CREATED.plusSeconds(2);
    private static final Instant EXPIRES = CREATED.plusSeconds(600);
    private static final TaskResult RESULT = TaskResult.ofJson("{\"score\":1}");

    private static Task rebuild(TaskStatus status, Instant startedAt, Instant completedAt, TaskOutcome outcome) {
        return rebuild(status, new TaskLifetime(CREATED, ENDED, startedAt, completedAt, EXPIRES), outcome);
    }

    private static Task rebuild(TaskStatus status, TaskLifetime lifetime, TaskOutcome outcome) {
        return Task.rebuild(
                TaskId.of("task-1"),
                TaskType.of("equity_analysis"),
                status,
                "mcp://task/task-1",
                null,
                "analyse ACME",
                TaskProgress.none(10),
                lifetime,
                outcome,
                3);
    }

    private static void assertRejectedNaming(TaskField field, ThrowingCallable rebuilding) {
        assertThatThrownBy(rebuilding)
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void taskOfEveryStatus_asItsTransitionsLeaveIt_isRebuilt() {
        assertThat(rebuild(TaskStatus.PENDING, null, null, TaskOutcome.NONE).status())
                .isEqualTo(TaskStatus.PENDING);
        assertThat(rebuild(TaskStatus.RUNNING, STARTED, null, TaskOutcome.NONE).startedAt())
                .isEqualTo(STARTED);
        assertThat(rebuild(TaskStatus.COMPLETED, STARTED, ENDED, TaskOutcome.completedWith(RESULT))
                        .result())
                .isEqualTo(RESULT);
        assertThat(rebuild(TaskStatus.COMPLETED, null, ENDED, TaskOutcome.NONE).result())
                .isNull();
        assertThat(rebuild(TaskStatus.FAILED, STARTED, ENDED, TaskOutcome.failedWith("disk full"))
                        .error())
                .isEqualTo("disk full");
        assertThat(rebuild(TaskStatus.CANCELLED, null, ENDED, TaskOutcome.NONE).completedAt())
                .isEqualTo(ENDED);
    }

    @Test
    void rebuiltTask_equalsTheTaskItWasRebuiltFrom() {
        Task completed = Task.register(
                        new TaskRegistration(
                                TaskId.of("task-1"),
                                TaskType.of("equity_analysis"),
                                "mcp://task/task-1",
                                "analyse ACME",
                                4,
                                CREATED),
                        CREATED,
                        Task.MIN_TTL)
                .start(STARTED)
                .complete(RESULT, ENDED, Task.MIN_TTL);

        Task rebuilt = Task.rebuild(
                completed.id(),
                completed.type(),
                completed.status(),
                completed.resourceUrl(),
                completed.estimatedCompletion(),
                completed.query(),
                completed.taskProgress(),
                completed.lifetime(),
                completed.outcome(),
                completed.version());

        assertThat(rebuilt).isEqualTo(completed).hasSameHashCodeAs(completed).hasToString(completed.toString());
    }

    @Test
    void pendingTaskWithStartedAt_isRejectedNamingStartedAt() {
        assertRejectedNaming(TaskField.STARTED_AT, () -> rebuild(TaskStatus.PENDING, STARTED, null, TaskOutcome.NONE));
    }

    @Test
    void pendingOrRunningTaskWithCompletedAt_isRejectedNamingCompletedAt() {
        assertRejectedNaming(TaskField.COMPLETED_AT, () -> rebuild(TaskStatus.PENDING, null, ENDED, TaskOutcome.NONE));
        assertRejectedNaming(
                TaskField.COMPLETED_AT, () -> rebuild(TaskStatus.RUNNING, STARTED, ENDED, TaskOutcome.NONE));
    }

    @Test
    void runningTaskWithoutStartedAt_isRebuilt_asTheOriginalServiceStoredIt() {
        assertThat(rebuild(TaskStatus.RUNNING, null, null, TaskOutcome.NONE).startedAt())
                .isNull();
    }

    @Test
    void terminalTaskWithoutCompletedAt_isRejectedNamingCompletedAt() {
        assertRejectedNaming(
                TaskField.COMPLETED_AT, () -> rebuild(TaskStatus.COMPLETED, STARTED, null, TaskOutcome.NONE));
        assertRejectedNaming(
                TaskField.COMPLETED_AT,
                () -> rebuild(TaskStatus.FAILED, STARTED, null, TaskOutcome.failedWith("disk full")));
        assertRejectedNaming(TaskField.COMPLETED_AT, () -> rebuild(TaskStatus.CANCELLED, null, null, TaskOutcome.NONE));
    }

    @Test
    void resultOfATaskThatIsNotCompleted_isRejectedNamingResult() {
        assertRejectedNaming(
                TaskField.RESULT, () -> rebuild(TaskStatus.PENDING, null, null, TaskOutcome.completedWith(RESULT)));
        assertRejectedNaming(
                TaskField.RESULT, () -> rebuild(TaskStatus.RUNNING, STARTED, null, TaskOutcome.completedWith(RESULT)));
        assertRejectedNaming(
                TaskField.RESULT, () -> rebuild(TaskStatus.FAILED, STARTED, ENDED, new TaskOutcome(RESULT, "boom")));
        assertRejectedNaming(
                TaskField.RESULT, () -> rebuild(TaskStatus.CANCELLED, null, ENDED, TaskOutcome.completedWith(RESULT)));
    }

    @Test
    void failedTaskWithoutError_isRejectedNamingError() {
        assertRejectedNaming(TaskField.ERROR, () -> rebuild(TaskStatus.FAILED, STARTED, ENDED, TaskOutcome.NONE));
    }

    @Test
    void errorOfATaskThatDidNotFail_isRejectedNamingError() {
        TaskOutcome error = new TaskOutcome(null, "boom");

        assertRejectedNaming(TaskField.ERROR, () -> rebuild(TaskStatus.PENDING, null, null, error));
        assertRejectedNaming(TaskField.ERROR, () -> rebuild(TaskStatus.RUNNING, STARTED, null, error));
        assertRejectedNaming(TaskField.ERROR, () -> rebuild(TaskStatus.COMPLETED, STARTED, ENDED, error));
        assertRejectedNaming(TaskField.ERROR, () -> rebuild(TaskStatus.CANCELLED, null, ENDED, error));
    }

    @Test
    void expiryNotAfterCreation_isRejectedNamingExpiresAt() {
        assertRejectedNaming(TaskField.EXPIRES_AT, () -> new TaskLifetime(CREATED, CREATED, null, null, CREATED));
    }

    @Test
    void missingCreatedUpdatedOrExpiresAt_isRejectedNamingIt() {
        assertRejectedNaming(TaskField.CREATED_AT, () -> new TaskLifetime(null, CREATED, null, null, EXPIRES));
        assertRejectedNaming(TaskField.UPDATED_AT, () -> new TaskLifetime(CREATED, null, null, null, EXPIRES));
        assertRejectedNaming(TaskField.EXPIRES_AT, () -> new TaskLifetime(CREATED, CREATED, null, null, null));
    }

    @Test
    void instantsOutOfOrder_areRebuilt_asWorkersWithSlightlyDifferentClocksWriteThem() {
        Instant behind = CREATED.minusMillis(50);
        TaskLifetime skewed = new TaskLifetime(CREATED, behind, behind, behind.minusMillis(1), EXPIRES);

        assertThat(rebuild(TaskStatus.CANCELLED, skewed, TaskOutcome.NONE).lifetime())
                .isEqualTo(skewed);
    }

    @Test
    void progressOutOfRangeOrStepsAboveTotal_isRejectedNamingTheField() {
        assertRejectedNaming(TaskField.PROGRESS, () -> new TaskProgress(1.5, 0, null));
        assertRejectedNaming(TaskField.COMPLETED_STEPS, () -> new TaskProgress(0.0, -1, null));
        assertRejectedNaming(TaskField.COMPLETED_STEPS, () -> new TaskProgress(1.0, 5, 4));
    }

    @Test
    void versionBelowOne_isRejectedNamingVersion() {
        assertRejectedNaming(
                TaskField.VERSION,
                () -> Task.rebuild(
                        TaskId.of("task-1"),
                        TaskType.of("t"),
                        TaskStatus.PENDING,
                        "u",
                        null,
                        null,
                        TaskProgress.none(null),
                        new TaskLifetime(CREATED, CREATED, null, null, EXPIRES),
                        TaskOutcome.NONE,
                        0));
    }
}
