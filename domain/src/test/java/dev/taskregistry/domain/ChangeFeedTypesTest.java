package dev.taskregistry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The change feed's value types: positions that stay safe on the wire, events that agree with their task. */
class ChangeFeedTypesTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final FeedPosition POSITION = FeedPosition.of("1764496800000-0");
    private static final Task TASK = Task.register(
            new TaskRegistration(TaskId.of("t-1"), TaskType.of("report"), "mcp://task/t-1", null, null, null),
            NOW,
            Duration.ofMinutes(5));

    @ParameterizedTest
    @ValueSource(strings = {"0", "1764496800000-0", "3f9a0c12d4e7-42", "a.b_c:d"})
    void positionsOfTheSafeAlphabet_areAccepted(String value) {
        assertThat(FeedPosition.of(value).value()).isEqualTo(value);
        assertThat(FeedPosition.parse(value)).contains(FeedPosition.of(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1-0\ndata: x", "1 2", "é", "{x}"})
    void positionsThatCouldBreakTheirFraming_areRejected_andParseToEmpty(String value) {
        assertThatThrownBy(() -> FeedPosition.of(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'position'");
        assertThat(FeedPosition.parse(value)).isEmpty();
    }

    @Test
    void aPositionLongerThanTheMaximum_isRejected() {
        assertThat(FeedPosition.parse("1".repeat(FeedPosition.MAX_LENGTH))).isPresent();
        assertThat(FeedPosition.parse("1".repeat(FeedPosition.MAX_LENGTH + 1))).isEmpty();
        assertThat(FeedPosition.parse(null)).isEmpty();
    }

    @Test
    void aStoredChange_carriesTheTasksIdTypeStatusAndVersion() {
        TaskChange change = TaskChange.of(POSITION, TaskChangeKind.REGISTERED, TASK);

        assertThat(change.taskId()).isEqualTo(TASK.id());
        assertThat(change.type()).isEqualTo(TASK.type());
        assertThat(change.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(change.version()).hasValue(1);
        assertThat(change.task()).contains(TASK);
    }

    @Test
    void aRemoval_carriesTheLastStatusAndVersion_butNoTask() {
        TaskChange change = TaskChange.of(POSITION, TaskChangeKind.DELETED, TASK);

        assertThat(change.status()).isEqualTo(TaskStatus.PENDING);
        assertThat(change.version()).hasValue(1);
        assertThat(change.task()).isEmpty();
    }

    @Test
    void onlyAnExpiry_mayLackAVersion() {
        TaskChange expired = new TaskChange(
                POSITION,
                TaskChangeKind.EXPIRED,
                TASK.id(),
                TASK.type(),
                TASK.status(),
                OptionalLong.empty(),
                Optional.empty());

        assertThat(expired.version()).isEmpty();
        assertThatThrownBy(() -> new TaskChange(
                        POSITION,
                        TaskChangeKind.DELETED,
                        TASK.id(),
                        TASK.type(),
                        TASK.status(),
                        OptionalLong.empty(),
                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'version'");
    }

    @Test
    void aChangeThatStoresATask_mustCarryIt_andARemovalMustNot() {
        assertThatThrownBy(() -> new TaskChange(
                        POSITION,
                        TaskChangeKind.UPDATED,
                        TASK.id(),
                        TASK.type(),
                        TASK.status(),
                        OptionalLong.of(1),
                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'task'");
        assertThatThrownBy(() -> new TaskChange(
                        POSITION,
                        TaskChangeKind.EXPIRED,
                        TASK.id(),
                        TASK.type(),
                        TASK.status(),
                        OptionalLong.of(1),
                        Optional.of(TASK)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'task'");
    }

    @Test
    void aChangeWhoseFieldsDisagreeWithItsTask_isRejected() {
        assertThatThrownBy(() -> new TaskChange(
                        POSITION,
                        TaskChangeKind.UPDATED,
                        TASK.id(),
                        TASK.type(),
                        TaskStatus.RUNNING,
                        OptionalLong.of(1),
                        Optional.of(TASK)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id, type, status and version");
    }

    @Test
    void filters_matchByStatusTypeAndTask_andAllMatchesEverything() {
        TaskChange change = TaskChange.of(POSITION, TaskChangeKind.REGISTERED, TASK);

        assertThat(TaskChangeFilter.all().matches(change)).isTrue();
        assertThat(TaskChangeFilter.of(TaskStatus.PENDING, TaskType.of("report"))
                        .matches(change))
                .isTrue();
        assertThat(TaskChangeFilter.of(TaskStatus.RUNNING, null).matches(change))
                .isFalse();
        assertThat(TaskChangeFilter.of(null, TaskType.of("other")).matches(change))
                .isFalse();
        assertThat(TaskChangeFilter.ofTask(TASK.id()).matches(change)).isTrue();
        assertThat(TaskChangeFilter.ofTask(TaskId.of("t-2")).matches(change)).isFalse();
    }

    @Test
    void aReplayLimit_mustBeBetweenOneAndTheMaximum() {
        assertThat(TaskChangeFeed.checkReplayLimit(1)).isEqualTo(1);
        assertThat(TaskChangeFeed.checkReplayLimit(TaskChangeFeed.MAX_REPLAY_LIMIT))
                .isEqualTo(TaskChangeFeed.MAX_REPLAY_LIMIT);
        assertThatThrownBy(() -> TaskChangeFeed.checkReplayLimit(0))
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.LIMIT));
    }
}
