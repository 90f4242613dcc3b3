package dev.taskregistry.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskType;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskIdGeneratorTest {

    private final TaskIdGenerator generator = new TaskIdGenerator(new SecureRandom());

    @Test
    void ids_areThePrefixAnd32LowercaseHexCharacters() {
        TaskId id = generator.next(TaskType.of("equity_analysis"));

        assertThat(id.value()).matches("equity_analysis-[0-9a-f]{32}");
    }

    @Test
    void leadingSeparatorsOfTheType_areDropped() {
        assertThat(generator.next(TaskType.of("_.report")).value()).matches("report-[0-9a-f]{32}");
        assertThat(generator.next(TaskType.of("-_")).value()).matches("task-[0-9a-f]{32}");
    }

    @Test
    void longestType_stillGivesAValidId() {
        TaskId id = generator.next(TaskType.of("t".repeat(TaskType.MAX_LENGTH)));

        assertThat(id.value()).hasSize(TaskType.MAX_LENGTH + 33);
    }

    @Test
    void ids_doNotRepeat() {
        Set<TaskId> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(generator.next(TaskType.of("t")));
        }
        assertThat(ids).hasSize(10_000);
    }
}
