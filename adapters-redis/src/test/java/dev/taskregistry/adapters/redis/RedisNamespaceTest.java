package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.testing.TestTasks;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two key prefixes on one Redis are two registries that never see each other's tasks. */
class RedisNamespaceTest {

    @RegisterExtension
    final SharedRedisNamespace firstNamespace = new SharedRedisNamespace();

    @RegisterExtension
    final SharedRedisNamespace secondNamespace = new SharedRedisNamespace();

    private final RedisTaskRepository first = firstNamespace.openRepository();
    private final RedisTaskRepository second = secondNamespace.openRepository();

    @Test
    void tasksOfOnePrefix_areInvisibleToAnotherInFindListAndStats() {
        Task mine = TestTasks.pendingTask(Instant.now());
        Task theirs = TestTasks.pendingTask(Instant.now());
        first.register(mine);
        second.register(theirs);

        assertThat(second.find(mine.id())).isEmpty();
        assertThat(first.find(theirs.id())).isEmpty();
        assertThat(first.list(TaskFilter.all(), PageRequest.first(10)).items()).containsExactly(mine);
        assertThat(second.list(TaskFilter.of(TaskStatus.PENDING, TestTasks.DEFAULT_TYPE), PageRequest.first(10))
                        .items())
                .containsExactly(theirs);
        assertThat(first.stats().total()).isEqualTo(1);
        assertThat(second.stats().total()).isEqualTo(1);
    }

    @Test
    void sameIdUnderTwoPrefixes_isTwoTasks() {
        Task original = TestTasks.pendingTask(Instant.now());
        first.register(original);

        second.register(original);
        second.delete(original.id());

        assertThat(first.find(original.id())).contains(original);
        assertThat(second.find(original.id())).isEmpty();
    }
}
