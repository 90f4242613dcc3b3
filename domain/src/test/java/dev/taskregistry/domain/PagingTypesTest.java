package dev.taskregistry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagingTypesTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private static Task pendingReport() {
        return Task.register(
                new TaskRegistration(
                        TaskId.of("report-1"), TaskType.of("report"), "mcp://task/report-1", null, null, null),
                T0,
                Duration.ofMinutes(5));
    }

    @Test
    void cursorAfterATask_startsAfterThatTasksListingKey() {
        Task task = pendingReport();

        assertThat(PageCursor.after(task).after()).isEqualTo(task.listingKey());
    }

    @Test
    void listingOrder_isLaterExpiryFirst_thenIdDescending() {
        ListingKey late = new ListingKey(T0.plusSeconds(1), TaskId.of("a"));
        ListingKey earlyB = new ListingKey(T0, TaskId.of("b"));
        ListingKey earlyA = new ListingKey(T0, TaskId.of("a"));

        assertThat(late).isLessThan(earlyB);
        assertThat(earlyB).isLessThan(earlyA);
        assertThat(late).isLessThan(earlyA);
        assertThat(earlyB).isEqualByComparingTo(new ListingKey(T0, TaskId.of("b")));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1001})
    void limitOutsideOneToThousand_isRejected(int limit) {
        assertThatThrownBy(() -> PageRequest.first(limit))
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.LIMIT));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 50, 1000})
    void limitWithinBounds_isAccepted(int limit) {
        assertThat(PageRequest.first(limit).limit()).isEqualTo(limit);
    }

    @Test
    void stats_dropZeroCounts() {
        TaskStats stats = new TaskStats(
                1,
                Map.of(TaskType.of("a"), 1L, TaskType.of("b"), 0L),
                Map.of(TaskStatus.PENDING, 1L, TaskStatus.RUNNING, 0L));

        assertThat(stats.byType()).containsOnlyKeys(TaskType.of("a"));
        assertThat(stats.byStatus()).containsOnlyKeys(TaskStatus.PENDING);
        assertThat(stats.byTypeName()).containsExactly(Map.entry("a", 1L));
    }

    @Test
    void filter_matchesByStatusAndType() {
        Task task = pendingReport();

        assertThat(TaskFilter.all().matches(task)).isTrue();
        assertThat(TaskFilter.of(TaskStatus.PENDING, TaskType.of("report")).matches(task))
                .isTrue();
        assertThat(TaskFilter.of(TaskStatus.RUNNING, null).matches(task)).isFalse();
        assertThat(TaskFilter.of(null, TaskType.of("other")).matches(task)).isFalse();
    }

    @Test
    void progressReport_rejectsOutOfRangeValues_namingTheField() {
        assertThatThrownBy(() -> ProgressReport.ofFraction(-0.01))
                .isInstanceOf(InvalidTaskField.class)
                .hasMessageContaining("'progress'");
        assertThatThrownBy(() -> ProgressReport.ofFraction(1.01)).isInstanceOf(InvalidTaskField.class);
        assertThatThrownBy(() -> ProgressReport.ofFraction(Double.NaN)).isInstanceOf(InvalidTaskField.class);
        assertThatThrownBy(() -> ProgressReport.ofSteps(-1))
                .isInstanceOf(InvalidTaskField.class)
                .hasMessageContaining("'completed_steps'");
        assertThatThrownBy(() -> new ProgressReport(null, 0, null))
                .isInstanceOf(InvalidTaskField.class)
                .hasMessageContaining("'total_steps'");
        assertThatThrownBy(() -> new ProgressReport(null, null, null)).isInstanceOf(InvalidTaskField.class);
    }
}
