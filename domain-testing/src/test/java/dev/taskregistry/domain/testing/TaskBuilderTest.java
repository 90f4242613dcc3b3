package dev.taskregistry.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskField;
import dev.taskregistry.domain.TaskResult;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The builder keeps every field it is not told to change, and what it builds is held to the task's rules:
 * rebuilding a task (as a store does) checks the invariants. The domain's own tests cannot use the builder
 * (a module cannot test-depend on its own test support), so the rebuild rules are checked here.
 */
class TaskBuilderTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void aTaskLikeAnother_equalsIt_andDiffersOnlyInTheFieldChanged() {
        Task completed = TestTasks.pendingTask(T0)
                .start(T0.plusSeconds(1))
                .complete(TaskResult.ofJson("{\"a\":1}"), T0.plusSeconds(2), TestTasks.RETENTION);

        Task later = TestTasks.aTaskLike(completed)
                .withExpiresAt(T0.plusSeconds(3600))
                .build();

        assertThat(TestTasks.aTaskLike(completed).build()).isEqualTo(completed);
        assertThat(later.expiresAt()).isEqualTo(T0.plusSeconds(3600));
        assertThat(TestTasks.aTaskLike(later)
                        .withExpiresAt(completed.expiresAt())
                        .build())
                .isEqualTo(completed);
    }

    @Test
    void rebuildingATaskThatBreaksAnInvariant_isRejected() {
        assertThatThrownBy(() -> TestTasks.aTask(T0).withProgress(1.5).build())
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.PROGRESS));
        assertThatThrownBy(() -> TestTasks.aTask(T0).withSteps(5, 4).build())
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.COMPLETED_STEPS));
        assertThatThrownBy(() -> TestTasks.aTask(T0).withVersion(0).build())
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.VERSION));
        assertThatThrownBy(() -> TestTasks.aTask(T0).withExpiresAt(T0).build())
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.EXPIRES_AT));
    }
}
