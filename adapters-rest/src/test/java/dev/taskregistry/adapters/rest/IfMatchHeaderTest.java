package dev.taskregistry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.application.ExpectedVersion;
import dev.taskregistry.domain.InvalidTaskField;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IfMatchHeaderTest {

    @Test
    void absentBlankOrStar_meansAnyVersion() {
        assertThat(IfMatchHeader.parse(null).isAny()).isTrue();
        assertThat(IfMatchHeader.parse(" ").isAny()).isTrue();
        assertThat(IfMatchHeader.parse("*").isAny()).isTrue();
    }

    @Test
    void aQuotedVersion_isThatVersion() {
        assertThat(IfMatchHeader.parse("\"7\"")).isEqualTo(ExpectedVersion.of(7));
        assertThat(IfMatchHeader.parse(" \"123\" ")).isEqualTo(ExpectedVersion.of(123));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "W/\"7\"", "\"0\"", "\"-1\"", "\"a\"", "\"1\", \"2\"", "\"99999999999999999999\""})
    void anythingElse_isRejectedNamingTheHeader(String header) {
        assertThatThrownBy(() -> IfMatchHeader.parse(header))
                .isInstanceOfSatisfying(InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo("If-Match"));
    }
}
