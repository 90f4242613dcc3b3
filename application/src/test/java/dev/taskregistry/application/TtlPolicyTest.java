package dev.taskregistry.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.TaskField;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TtlPolicyTest {

    private final TtlPolicy policy = new TtlPolicy(Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofMinutes(5));

    @Test
    void noRequestedTtl_givesTheDefault() {
        assertThat(policy.ttlFor(null)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void boundsAreInclusive() {
        assertThat(policy.ttlFor(1L)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.ttlFor(Duration.ofDays(7).toSeconds())).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void ttlOutsideTheBounds_isRejectedNamingTheField() {
        for (long seconds : new long[] {0, -1, Duration.ofDays(7).toSeconds() + 1}) {
            assertThatThrownBy(() -> policy.ttlFor(seconds))
                    .isInstanceOfSatisfying(
                            InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.TTL))
                    .hasMessageContaining("between 1 and 604800, was " + seconds);
        }
    }

    @Test
    void inconsistentConfiguration_isRejected() {
        assertThatThrownBy(() -> new TtlPolicy(Duration.ofDays(8), Duration.ofDays(7), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("default TTL");
        assertThatThrownBy(() -> new TtlPolicy(Duration.ofMillis(10), Duration.ofDays(7), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TtlPolicy(Duration.ofMinutes(1), Duration.ofDays(7), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retention");
    }
}
