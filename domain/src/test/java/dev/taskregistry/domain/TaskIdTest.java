package dev.taskregistry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskIdTest {

    @Test
    void oneCharacter_isAccepted() {
        assertThat(TaskId.of("a").value()).isEqualTo("a");
    }

    @Test
    void maxLength_isAccepted() {
        String longest = "a".repeat(TaskId.MAX_LENGTH);
        assertThat(TaskId.of(longest).value()).hasSize(128);
    }

    @Test
    void oneAboveMaxLength_isRejectedNamingTheField() {
        assertThatThrownBy(() -> TaskId.of("a".repeat(TaskId.MAX_LENGTH + 1)))
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.ID))
                .hasMessageContaining("at most 128");
    }

    @Test
    void emptyAndNull_areRejected() {
        assertThatThrownBy(() -> TaskId.of(""))
                .isInstanceOf(InvalidTaskField.class)
                .hasMessageContaining("'id'");
        assertThatThrownBy(() -> TaskId.of(null)).isInstanceOf(InvalidTaskField.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"task-1", "Task_2.b", "0abc", "ABC-def_ghi.123", "x.."})
    void safeAlphabet_isAccepted(String value) {
        assertThat(TaskId.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a:b",
                "a*",
                "{a}",
                "a}",
                "a b",
                "a/b",
                "a\tb",
                "a\nb",
                "a\u0000b",
                "tâche",
                "a\u00e9",
                "😀",
                "a?b",
                "a#b",
                "a%b",
                "a\\b",
                "a\"b",
                "a'b",
                "a,b",
                "a;b",
                "a[b]",
                "a=b",
                "a+b"
            })
    void forbiddenCharacters_areRejected(String value) {
        assertThatThrownBy(() -> TaskId.of(value))
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.ID));
    }

    @ParameterizedTest
    @ValueSource(strings = {".hidden", "..", "-dash", "_under"})
    void idsNotStartingWithALetterOrDigit_areRejected(String value) {
        assertThatThrownBy(() -> TaskId.of(value))
                .isInstanceOf(InvalidTaskField.class)
                .hasMessageContaining("start with a letter or digit");
    }

    @Test
    void ordering_isTheAsciiOrder() {
        assertThat(TaskId.of("B").compareTo(TaskId.of("a"))).isNegative();
        assertThat(TaskId.of("a-1").compareTo(TaskId.of("a.1"))).isNegative();
    }
}
