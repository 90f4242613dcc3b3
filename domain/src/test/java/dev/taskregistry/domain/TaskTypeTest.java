package dev.taskregistry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskTypeTest {

    @Test
    void oneCharacterAndMaxLength_areAccepted() {
        assertThat(TaskType.of("a").value()).isEqualTo("a");
        assertThat(TaskType.of("b".repeat(TaskType.MAX_LENGTH)).value()).hasSize(64);
    }

    @Test
    void oneAboveMaxLength_isRejectedNamingTheField() {
        assertThatThrownBy(() -> TaskType.of("b".repeat(TaskType.MAX_LENGTH + 1)))
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.TYPE))
                .hasMessageContaining("at most 64");
    }

    @Test
    void emptyAndNull_areRejected() {
        assertThatThrownBy(() -> TaskType.of(""))
                .isInstanceOf(InvalidTaskField.class)
                .hasMessageContaining("'type'");
        assertThatThrownBy(() -> TaskType.of(null)).isInstanceOf(InvalidTaskField.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"equity_analysis", "report.v2", "a-b", "_x", "0"})
    void lowercaseAlphabet_isAccepted(String value) {
        assertThat(TaskType.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Equity", "ANALYSIS", "a b", "a:b", "a*", "{a}", "a/b", "é", "a\nb"})
    void uppercaseAndOtherCharacters_areRejected(String value) {
        assertThatThrownBy(() -> TaskType.of(value))
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.TYPE));
    }
}
