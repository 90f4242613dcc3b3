package dev.taskregistry.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.ListingKey;
import dev.taskregistry.domain.PageCursor;
import dev.taskregistry.domain.TaskField;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListingCursorsTest {

    private static final PageCursor CURSOR = new PageCursor(new ListingKey(
            Instant.parse("2026-11-30T10:00:00.123Z"), TaskId.of("equity_analysis-0123456789abcdef0123456789abcdef")));
    private static final TaskFilter RUNNING_REPORTS = TaskFilter.of(TaskStatus.RUNNING, TaskType.of("report"));

    @Test
    void aToken_readsBackAsItsCursor_withTheFilterItWasMadeFor() {
        assertThat(ListingCursors.decode(ListingCursors.encode(CURSOR, RUNNING_REPORTS), RUNNING_REPORTS))
                .isEqualTo(CURSOR);
        assertThat(ListingCursors.decode(ListingCursors.encode(CURSOR, TaskFilter.all()), TaskFilter.all()))
                .isEqualTo(CURSOR);
    }

    @Test
    void aToken_isUrlSafeText_thatDoesNotShowTheIdPlainly() {
        String token = ListingCursors.encode(CURSOR, RUNNING_REPORTS);

        assertThat(token).matches("[A-Za-z0-9_-]+").doesNotContain("equity_analysis");
    }

    @Test
    void everyTruncationOfAToken_isRejectedNamingTheCursor() {
        String token = ListingCursors.encode(CURSOR, RUNNING_REPORTS);

        IntStream.range(0, token.length())
                .forEach(length ->
                        assertRejected(() -> ListingCursors.decode(token.substring(0, length), RUNNING_REPORTS)));
    }

    @Test
    void everySingleCharacterEdit_isRejectedNamingTheCursor() {
        String token = ListingCursors.encode(CURSOR, RUNNING_REPORTS);

        for (int position = 0; position < token.length(); position++) {
            char replacement = token.charAt(position) == 'A' ? 'B' : 'A';
            String edited = token.substring(0, position) + replacement + token.substring(position + 1);
            assertRejected(() -> ListingCursors.decode(edited, RUNNING_REPORTS));
        }
    }

    @Test
    void aTokenOfAnotherFilter_isRejectedNamingTheCursorAndTheFilter() {
        String token = ListingCursors.encode(CURSOR, RUNNING_REPORTS);

        for (TaskFilter other : new TaskFilter[] {
            TaskFilter.all(),
            TaskFilter.of(TaskStatus.RUNNING, null),
            TaskFilter.of(null, TaskType.of("report")),
            TaskFilter.of(TaskStatus.PENDING, TaskType.of("report")),
            TaskFilter.of(TaskStatus.RUNNING, TaskType.of("reports"))
        }) {
            assertRejected(() -> ListingCursors.decode(token, other));
        }
        assertThatThrownBy(() -> ListingCursors.decode(token, TaskFilter.all())).hasMessageContaining("filter");
    }

    @Test
    void theFormerUncheckedFormat_andTextWithoutAValidCheck_areRejected() {
        String formerFormat = base64("v1:1700000000000:task-9");
        String uncheckedV2 = base64("2:1700000000000:task-9::");

        assertRejected(() -> ListingCursors.decode(formerFormat, TaskFilter.all()));
        assertRejected(() -> ListingCursors.decode(uncheckedV2, TaskFilter.all()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!!!", "AAAA", "forged", "bm9wZQ", "a b", "%2F", "=="})
    void garbage_isRejectedNamingTheCursor(String token) {
        assertRejected(() -> ListingCursors.decode(token, TaskFilter.all()));
    }

    @Test
    void aVeryLongToken_isRejectedNamingTheCursor() {
        assertRejected(() -> ListingCursors.decode("A".repeat(100_000), TaskFilter.all()));
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void assertRejected(ThrowingCallable decoding) {
        assertThatThrownBy(decoding)
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.CURSOR));
    }
}
