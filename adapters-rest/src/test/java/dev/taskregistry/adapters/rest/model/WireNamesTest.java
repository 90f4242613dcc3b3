package dev.taskregistry.adapters.rest.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.domain.InvalidTaskField;
import dev.taskregistry.domain.TaskField;
import dev.taskregistry.domain.TaskStatus;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WireNamesTest {

    @Test
    void statusWireNames_areLowercase_andUnknownNamesAreRejected() {
        assertThat(WireNames.statusNamed("cancelled")).isEqualTo(TaskStatus.CANCELLED);
        assertThatThrownBy(() -> WireNames.statusNamed("RUNNING"))
                .isInstanceOfSatisfying(
                        InvalidTaskField.class, e -> assertThat(e.field()).isEqualTo(TaskField.STATUS))
                .hasMessageContaining("pending, running, completed, failed, cancelled");
    }

    @Test
    void everyStatus_readsBackFromItsWireName() {
        for (TaskStatus status : TaskStatus.values()) {
            assertThat(WireNames.statusNamed(WireNames.statusName(status))).isEqualTo(status);
        }
    }

    @Test
    void fields_areNamedAsTheJsonFieldsAndParameters_theTtlInSeconds() {
        assertThat(WireNames.fieldName(TaskField.TTL)).isEqualTo("ttl_seconds");
        assertThat(WireNames.fieldName(TaskField.COMPLETED_STEPS)).isEqualTo("completed_steps");
        assertThat(Arrays.stream(TaskField.values()).map(WireNames::fieldName)).doesNotHaveDuplicates();
    }
}
