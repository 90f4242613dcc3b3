package dev.taskregistry.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.domain.ConcurrentTaskUpdate;
import dev.taskregistry.domain.IllegalTaskTransition;
import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.ProgressReport;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskAlreadyExists;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskResult;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import dev.taskregistry.domain.TaskVersionMismatch;
import dev.taskregistry.domain.testing.FakeTaskRepository;
import dev.taskregistry.domain.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskUseCasesTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final TaskType TYPE = TaskType.of("equity_analysis");
    private static final TtlPolicy POLICY =
            new TtlPolicy(Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofMinutes(10));

    private final MutableClock clock = new MutableClock(T0);
    private final ConflictingRepository repository = new ConflictingRepository(new FakeTaskRepository(clock));
    private final TaskUseCases useCases =
            TaskUseCases.wire(repository, clock, POLICY, new ResourceUrlTemplate("mcp://task/{id}"));

    private Task register(String id) {
        return useCases.registerTask()
                .register(new RegisterTaskCommand(TaskId.of(id), TYPE, "analyse ACME", null, null, null));
    }

    @Test
    void register_withoutId_generatesOne_andAppliesTheDefaultTtlAndUrlTemplate() {
        Task task = useCases.registerTask().register(new RegisterTaskCommand(null, TYPE, null, 5, null, null));

        assertThat(task.id().value()).matches("equity_analysis-[0-9a-f]{32}");
        assertThat(task.resourceUrl()).isEqualTo("mcp://task/" + task.id());
        assertThat(task.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(task.totalSteps()).isEqualTo(5);
        assertThat(useCases.getTask().get(task.id())).isEqualTo(task);
    }

    @Test
    void register_withATtl_usesIt_andRejectsOneAboveTheMax() {
        Task task =
                useCases.registerTask().register(new RegisterTaskCommand(TaskId.of("a"), TYPE, null, null, null, 60L));
        assertThat(task.expiresAt()).isEqualTo(T0.plusSeconds(60));

        assertThatThrownBy(() -> useCases.registerTask()
                        .register(new RegisterTaskCommand(
                                TaskId.of("b"),
                                TYPE,
                                null,
                                null,
                                null,
                                Duration.ofDays(8).toSeconds())))
                .isInstanceOf(InvalidTaskField.class);
        assertThat(repository.find(TaskId.of("b"))).isEmpty();
    }

    @Test
    void register_aLiveId_fails() {
        register("dup");

        assertThatThrownBy(() -> register("dup")).isInstanceOf(TaskAlreadyExists.class);
    }

    @Test
    void wholeLifecycle_keepsTimesVersionsAndExpiry() {
        register("life");
        clock.advance(Duration.ofSeconds(1));
        Task started = useCases.startTask().start(TaskId.of("life"), ExpectedVersion.any());
        clock.advance(Duration.ofSeconds(1));
        Task progressed = useCases.reportProgress()
                .report(TaskId.of("life"), ProgressReport.ofFraction(0.5), ExpectedVersion.of(2));
        clock.advance(Duration.ofSeconds(1));
        Task completed = useCases.completeTask()
                .complete(TaskId.of("life"), TaskResult.ofJson("{\"ok\":true}"), ExpectedVersion.of(3));

        assertThat(started.startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(progressed.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(completed.version()).isEqualTo(4);
        assertThat(completed.completedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(completed.expiresAt()).isEqualTo(T0.plusSeconds(3).plus(Duration.ofMinutes(10)));
        assertThat(useCases.getTask().get(TaskId.of("life"))).isEqualTo(completed);
    }

    @Test
    void failAndCancel_endTheTask_andLaterChangesAreIllegal() {
        register("f");
        register("c");

        assertThat(useCases.failTask()
                        .fail(TaskId.of("f"), "disk full", ExpectedVersion.any())
                        .status())
                .isEqualTo(TaskStatus.FAILED);
        assertThat(useCases.cancelTask()
                        .cancel(TaskId.of("c"), ExpectedVersion.any())
                        .status())
                .isEqualTo(TaskStatus.CANCELLED);
        assertThatThrownBy(() -> useCases.startTask().start(TaskId.of("c"), ExpectedVersion.any()))
                .isInstanceOf(IllegalTaskTransition.class);
    }

    @Test
    void setTtl_movesTheExpiry_withinTheBounds() {
        register("ttl");
        clock.advance(Duration.ofSeconds(30));

        Task task = useCases.setTaskTtl().setTtl(TaskId.of("ttl"), 3600, ExpectedVersion.any());

        assertThat(task.expiresAt()).isEqualTo(T0.plusSeconds(30).plusSeconds(3600));
        assertThatThrownBy(() -> useCases.setTaskTtl().setTtl(TaskId.of("ttl"), 0, ExpectedVersion.any()))
                .isInstanceOf(InvalidTaskField.class);
    }

    @Test
    void changesToAnUnknownOrExpiredTask_failWithNotFound() {
        register("gone");
        clock.advance(Duration.ofMinutes(5));

        assertThatThrownBy(() -> useCases.getTask().get(TaskId.of("gone"))).isInstanceOf(TaskNotFound.class);
        assertThatThrownBy(() -> useCases.startTask().start(TaskId.of("gone"), ExpectedVersion.any()))
                .isInstanceOf(TaskNotFound.class);
        assertThatThrownBy(() -> useCases.deleteTask().delete(TaskId.of("gone"), ExpectedVersion.any()))
                .isInstanceOf(TaskNotFound.class);
    }

    @Test
    void aStaleExpectedVersion_failsFast_andChangesNothing() {
        Task task = register("stale");
        useCases.startTask().start(task.id(), ExpectedVersion.any());

        assertThatThrownBy(() -> useCases.cancelTask().cancel(task.id(), ExpectedVersion.of(1)))
                .isInstanceOf(TaskVersionMismatch.class)
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> useCases.deleteTask().delete(task.id(), ExpectedVersion.of(1)))
                .isInstanceOf(TaskVersionMismatch.class);
        assertThat(useCases.getTask().get(task.id()).status()).isEqualTo(TaskStatus.RUNNING);
    }

    @Test
    void anyOfSeveralExpectedVersions_matches_andAnEmptySetMatchesNone() {
        Task task = register("several");
        useCases.startTask().start(task.id(), ExpectedVersion.any());

        assertThatThrownBy(() -> useCases.cancelTask().cancel(task.id(), ExpectedVersion.oneOf(List.of())))
                .isInstanceOf(TaskVersionMismatch.class)
                .hasMessageContaining("weak");
        assertThatThrownBy(() -> useCases.cancelTask().cancel(task.id(), ExpectedVersion.oneOf(List.of(1L, 3L))))
                .isInstanceOf(TaskVersionMismatch.class)
                .hasMessageContaining("version 1 or 3");
        assertThat(useCases.cancelTask()
                        .cancel(task.id(), ExpectedVersion.oneOf(List.of(1L, 2L)))
                        .status())
                .isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void aLostRace_withAnExpectedVersion_failsAtOnceWithoutRetrying() {
        Task task = register("race");
        repository.loseNextRaces(1);

        assertThatThrownBy(() -> useCases.startTask().start(task.id(), ExpectedVersion.of(1)))
                .isInstanceOf(TaskVersionMismatch.class);
        assertThat(repository.updateCalls()).isEqualTo(1);
    }

    @Test
    void lostRaces_withoutAnExpectedVersion_areRetried_andTheChangeLands() {
        Task task = register("retry");
        repository.loseNextRaces(3);

        Task started = useCases.startTask().start(task.id(), ExpectedVersion.any());

        assertThat(repository.updateCalls()).isEqualTo(4);
        assertThat(started.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(started.version()).isEqualTo(5);
        assertThat(useCases.getTask().get(task.id())).isEqualTo(started);
    }

    @Test
    void retriesAreBounded_andEndInAConflict() {
        Task task = register("hot");
        repository.loseNextRaces(1_000);

        assertThatThrownBy(() -> useCases.startTask().start(task.id(), ExpectedVersion.any()))
                .isInstanceOf(ConcurrentTaskUpdate.class);
        assertThat(repository.updateCalls()).isEqualTo(TaskUseCases.DEFAULT_UPDATE_ATTEMPTS);
    }

    @Test
    void delete_removesTheTask_onlyOnce() {
        Task task = register("del");

        useCases.deleteTask().delete(task.id(), ExpectedVersion.of(1));

        assertThatThrownBy(() -> useCases.deleteTask().delete(task.id(), ExpectedVersion.any()))
                .isInstanceOf(TaskNotFound.class);
    }

    @Test
    void listAndStats_reflectTheRegisteredTasks() {
        register("l1");
        register("l2");
        useCases.startTask().start(TaskId.of("l2"), ExpectedVersion.any());

        assertThat(useCases.listTasks()
                        .list(TaskFilter.of(TaskStatus.RUNNING, null), PageRequest.first(10))
                        .items())
                .extracting(Task::id)
                .containsExactly(TaskId.of("l2"));
        assertThat(useCases.getTaskStats().stats().total()).isEqualTo(2);
    }
}
