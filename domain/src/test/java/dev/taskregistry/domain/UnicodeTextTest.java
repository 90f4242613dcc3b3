package dev.taskregistry.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnicodeTextTest {

    @Test
    void surrogatePairsAndOtherText_areAccepted() {
        for (String text :
                new String[] {"", "plain", "ünïcödé", "\ud83d\ude00 grin", "a\ud800\udc00b", "\u0000 nul is text"}) {
            assertThatCode(() -> UnicodeText.requireWellFormed(TaskField.QUERY, text))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void aLoneHighOrLowSurrogate_isRejected_namingTheFieldAndPosition() {
        assertThatThrownBy(() -> UnicodeText.requireWellFormed(TaskField.QUERY, "ab\ud800"))
                .isInstanceOf(InvalidTaskField.class)
                .hasMessageContaining("'query'")
                .hasMessageContaining("\\uD800 at character 2");
        assertThatThrownBy(() -> UnicodeText.requireWellFormed(TaskField.ERROR, "\udc00x"))
                .hasMessageContaining("'error'");
        assertThatThrownBy(() -> UnicodeText.requireWellFormed(TaskField.ERROR, "\ude00\ud83d"))
                .hasMessageContaining("\\uDE00 at character 0");
    }

    @Test
    void taskTextFieldsAndResults_refuseLoneSurrogates() {
        assertThatThrownBy(() -> TaskResult.ofJson("\"\ud800\""))
                .isInstanceOf(InvalidTaskField.class)
                .extracting(error -> ((InvalidTaskField) error).field())
                .isEqualTo(TaskField.RESULT);
        assertThatThrownBy(() -> TaskResult.ofJson("{\"\udfff\":1}")).hasMessageContaining("'result'");
        assertThatCode(() -> TaskResult.ofJson("{\"\ud83d\ude00\":\"\ud83d\ude00\"}"))
                .doesNotThrowAnyException();
    }
}
