package dev.taskregistry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant T1 = T0.plusSeconds(10);
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration RETENTION = Duration.ofMinutes(5);

    private static Task pending() {
        return Task.register(
                new TaskRegistration(
                        TaskId.of("task-1"),
                        TaskType.of("equity_analysis"),
                        "mcp://task/task-1",
                        "analyse ACME",
                        null,
                        null),
                T0,
                TTL);
    }

    private static Task pendingWithSteps(int total) {
        return Task.register(
                new TaskRegistration(
                        TaskId.of("task-1"), TaskType.of("equity_analysis"), "mcp://task/task-1", null, total, null),
                T0,
                TTL);
    }

    @Test
    void registration_startsPendingAtVersionOne_expiringAfterTheTtl() {
        Task task = pending();

        assertThat(task.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(task.version()).isEqualTo(1);
        assertThat(task.progress()).isZero();
        assertThat(task.completedSteps()).isZero();
        assertThat(task.createdAt()).isEqualTo(T0);
        assertThat(task.updatedAt()).isEqualTo(T0);
        assertThat(task.expiresAt()).isEqualTo(T0.plus(TTL));
        assertThat(task.startedAt()).isNull();
        assertThat(task.completedAt()).isNull();
    }

    @Test
    void instants_areKeptWithMillisecondPrecision() {
        Instant precise = Instant.parse("2026-11-30T10:00:00.123456789Z");
        Task task = Task.register(
                new TaskRegistration(TaskId.of("x"), TaskType.of("t"), "u", null, null, precise), precise, TTL);

        assertThat(task.createdAt()).isEqualTo(Instant.parse("2026-11-30T10:00:00.123Z"));
        assertThat(task.estimatedCompletion()).isEqualTo(Instant.parse("2026-11-30T10:00:00.123Z"));
    }

    @Test
    void start_movesPendingToRunning() {
        Task running = pending().start(T1);

        assertThat(running.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(running.startedAt()).isEqualTo(T1);
        assertThat(running.updatedAt()).isEqualTo(T1);
        assertThat(running.version()).isEqualTo(2);
        assertThat(running.expiresAt()).isEqualTo(T0.plus(TTL));
    }

    @Test
    void startingARunningTask_isAnIllegalTransition() {
        Task running = pending().start(T1);

        assertThatThrownBy(() -> running.start(T1)).isInstanceOfSatisfying(IllegalTaskTransition.class, e -> {
            assertThat(e.current()).isEqualTo(TaskStatus.RUNNING);
            assertThat(e.attempted()).isEqualTo("start");
        });
    }

    static Stream<Arguments> everyTerminalTaskAndEveryChange() {
        Stream<UnaryOperator<Task>> terminal = Stream.of(
                t -> t.complete(TaskResult.ofJson("1"), T1, RETENTION),
                t -> t.fail("boom", T1, RETENTION),
                t -> t.cancel(T1, RETENTION));
        return terminal.flatMap(end -> Stream.<UnaryOperator<Task>>of(
                        t -> t.start(T1),
                        t -> t.reportProgress(ProgressReport.ofFraction(0.5), T1),
                        t -> t.complete(null, T1, RETENTION),
                        t -> t.fail("again", T1, RETENTION),
                        t -> t.cancel(T1, RETENTION))
                .map(change -> Arguments.of(end.apply(pending()), change)));
    }

    @ParameterizedTest
    @MethodSource("everyTerminalTaskAndEveryChange")
    void noChangeOfStatusProgressResultOrError_leavesATerminalState(Task terminal, UnaryOperator<Task> change) {
        assertThatThrownBy(() -> change.apply(terminal))
                .isInstanceOfSatisfying(
                        IllegalTaskTransition.class,
                        e -> assertThat(e.current()).isEqualTo(terminal.status()));
    }

    @Test
    void terminalTasks_stillAcceptANewTtl() {
        Task cancelled = pending().cancel(T1, RETENTION);

        Task extended = cancelled.withTtl(Duration.ofHours(1), T1.plusSeconds(1));

        assertThat(extended.expiresAt()).isEqualTo(T1.plusSeconds(1).plus(Duration.ofHours(1)));
        assertThat(extended.status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(extended.version()).isEqualTo(cancelled.version() + 1);
    }

    @Test
    void progressOnAPendingTask_startsIt() {
        Task task = pending().reportProgress(ProgressReport.ofFraction(0.25), T1);

        assertThat(task.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(task.startedAt()).isEqualTo(T1);
        assertThat(task.progress()).isEqualTo(0.25);
    }

    @Test
    void progressWithSteps_derivesTheFraction() {
        Task task = pendingWithSteps(8).start(T0).reportProgress(ProgressReport.ofSteps(2), T1);

        assertThat(task.completedSteps()).isEqualTo(2);
        assertThat(task.progress()).isEqualTo(0.25);
        assertThat(task.startedAt()).isEqualTo(T0);
    }

    @Test
    void progressMayStateTheTotalLater() {
        Task task = pending().reportProgress(new ProgressReport(3, 4, null), T1);

        assertThat(task.totalSteps()).isEqualTo(4);
        assertThat(task.progress()).isEqualTo(0.75);
    }

    @Test
    void progressMayRepeatTheDerivedFraction_butNotContradictIt() {
        Task task = pendingWithSteps(4).reportProgress(new ProgressReport(1, null, 0.25), T1);
        assertThat(task.progress()).isEqualTo(0.25);

        assertThatThrownBy(() -> pendingWithSteps(4).reportProgress(new ProgressReport(1, null, 0.9), T1))
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.PROGRESS));
    }

    @Test
    void completedStepsAboveTotal_isRejected() {
        assertThatThrownBy(() -> pendingWithSteps(4).reportProgress(ProgressReport.ofSteps(5), T1))
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.COMPLETED_STEPS))
                .hasMessageContaining("must not exceed total_steps (4), was 5");
        assertThatThrownBy(() -> pendingWithSteps(4)
                        .start(T0)
                        .reportProgress(ProgressReport.ofSteps(3), T0)
                        .reportProgress(new ProgressReport(null, 2, null), T1))
                .isInstanceOf(InvalidTaskField.class);
    }

    @Test
    void stepBoundaries_areAccepted() {
        assertThat(pendingWithSteps(4)
                        .reportProgress(ProgressReport.ofSteps(0), T1)
                        .progress())
                .isZero();
        assertThat(pendingWithSteps(4)
                        .reportProgress(ProgressReport.ofSteps(4), T1)
                        .progress())
                .isEqualTo(1.0);
        assertThat(pending().reportProgress(ProgressReport.ofFraction(0.0), T1).progress())
                .isZero();
        assertThat(pending().reportProgress(ProgressReport.ofFraction(1.0), T1).progress())
                .isEqualTo(1.0);
    }

    @Test
    void registrationWithZeroTotalSteps_isRejected() {
        assertThatThrownBy(() -> pendingWithSteps(0))
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.TOTAL_STEPS));
    }

    @Test
    void complete_setsProgressToOne_stepsToTotal_andKeepsTheResult() {
        Task task = pendingWithSteps(10)
                .reportProgress(ProgressReport.ofSteps(3), T0)
                .complete(TaskResult.ofJson("{\"score\":1}"), T1, RETENTION);

        assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(task.progress()).isEqualTo(1.0);
        assertThat(task.completedSteps()).isEqualTo(10);
        assertThat(task.result()).isEqualTo(TaskResult.ofJson("{\"score\":1}"));
        assertThat(task.completedAt()).isEqualTo(T1);
    }

    @Test
    void completeWithoutResult_isAllowed() {
        assertThat(pending().complete(null, T1, RETENTION).result()).isNull();
    }

    @Test
    void fail_keepsTheErrorAndRequiresIt() {
        assertThat(pending().fail("disk full", T1, RETENTION).error()).isEqualTo("disk full");
        assertThatThrownBy(() -> pending().fail(" ", T1, RETENTION))
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.ERROR));
        assertThatThrownBy(() -> pending().fail(null, T1, RETENTION)).isInstanceOf(InvalidTaskField.class);
        assertThatThrownBy(() -> pending().fail("x".repeat(Task.MAX_TEXT_LENGTH + 1), T1, RETENTION))
                .isInstanceOf(InvalidTaskField.class);
    }

    @Test
    void terminalTransition_extendsTheExpiryToTheResultRetention() {
        Instant late = T0.plus(TTL).minusSeconds(1);

        Task completed = pending().complete(null, late, RETENTION);

        assertThat(completed.expiresAt()).isEqualTo(late.plus(RETENTION));
    }

    @Test
    void terminalTransition_neverShortensALongerExpiry() {
        Task longLived = Task.register(
                new TaskRegistration(TaskId.of("x"), TaskType.of("t"), "u", null, null, null), T0, Duration.ofDays(1));

        assertThat(longLived.cancel(T1, RETENTION).expiresAt()).isEqualTo(T0.plus(Duration.ofDays(1)));
    }

    @Test
    void updates_keepTheExpiry() {
        Task task = pending().start(T1).reportProgress(ProgressReport.ofFraction(0.5), T1.plusSeconds(5));

        assertThat(task.expiresAt()).isEqualTo(T0.plus(TTL));
        assertThat(task.version()).isEqualTo(3);
    }

    @Test
    void ttlBelowOneSecond_isRejected() {
        assertThatThrownBy(() -> pending().withTtl(Duration.ofMillis(999), T1))
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.TTL));
        assertThatThrownBy(() -> pending().withTtl(Duration.ZERO, T1)).isInstanceOf(InvalidTaskField.class);
        assertThatThrownBy(() -> pending().withTtl(Duration.ofSeconds(-5), T1)).isInstanceOf(InvalidTaskField.class);
        assertThat(pending().withTtl(Duration.ofSeconds(1), T1).expiresAt()).isEqualTo(T1.plusSeconds(1));
    }

    @Test
    void expiry_isReachedAtExpiresAtExactly() {
        Task task = pending();

        assertThat(task.isExpiredAt(task.expiresAt().minusMillis(1))).isFalse();
        assertThat(task.isExpiredAt(task.expiresAt())).isTrue();
    }

    @Test
    void queryLongerThanTheLimit_isRejected() {
        assertThatThrownBy(() -> new TaskRegistration(
                        TaskId.of("x"), TaskType.of("t"), "u", "q".repeat(Task.MAX_TEXT_LENGTH + 1), null, null))
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.QUERY));
    }
}
