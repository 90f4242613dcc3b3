package dev.taskregistry.adapters.rest.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

    @Test
    void noOrBlankConfiguredToken_leavesTheApiOpen() {
        assertThat(ApiToken.of(Optional.empty()).isRequired()).isFalse();
        assertThat(ApiToken.of(Optional.of("  ")).isRequired()).isFalse();
    }

    @Test
    void onlyTheExactToken_matches() {
        ApiToken token = ApiToken.of(Optional.of("s3cret"));

        assertThat(token.isRequired()).isTrue();
        assertThat(token.matches("s3cret")).isTrue();
        assertThat(token.matches("s3cre")).isFalse();
        assertThat(token.matches("s3cret ")).isFalse();
        assertThat(token.matches("S3CRET")).isFalse();
        assertThat(token.matches(null)).isFalse();
    }

    @Test
    void theTokenNeverAppearsInItsTextForm() {
        assertThat(ApiToken.of(Optional.of("s3cret")).toString()).doesNotContain("s3cret");
    }
}
