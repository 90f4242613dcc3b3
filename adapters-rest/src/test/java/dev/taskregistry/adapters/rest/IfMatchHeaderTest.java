package dev.taskregistry.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.adapters.rest.error.InvalidInput;
import dev.taskregistry.application.ExpectedVersion;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @Test
    void aListOfVersions_acceptsAnyOfThem_andEmptyElementsAreIgnored() {
        assertThat(IfMatchHeader.parse("\"1\", \"2\"")).isEqualTo(ExpectedVersion.oneOf(List.of(1L, 2L)));
        assertThat(IfMatchHeader.parse("\"1\",,\"3\" ,")).isEqualTo(ExpectedVersion.oneOf(List.of(1L, 3L)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"W/\"7\"", "\"0\"", "\"-1\"", "\"a\"", "\"99999999999999999999\"", "W/\"1\", \"abc\"", "\"\""})
    void weakOrForeignTags_areValid_butMatchNoVersion(String header) {
        assertThat(IfMatchHeader.parse(header).versions()).isEqualTo(Set.of());
    }

    @Test
    void weakTagsInAList_areLeftOut_strongOnesKept() {
        assertThat(IfMatchHeader.parse("W/\"1\", \"2\"")).isEqualTo(ExpectedVersion.of(2));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"7", "version-one", "\"7", "\"1\" \"2\"", "*, \"1\"", "w/\"1\"", "\"a\"b\"", "\"tab\tinside\""})
    void anythingThatIsNotAListOfEntityTags_isRejectedNamingTheHeader(String header) {
        assertThatThrownBy(() -> IfMatchHeader.parse(header))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.field()).isEqualTo("If-Match"));
    }
}
