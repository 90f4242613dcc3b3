package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.adapters.redis.testing.TestRedis;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TestTasks;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two key prefixes on one Redis are two registries that never see each other's tasks. */
class RedisNamespaceTest {

    private final String firstPrefix = TestRedis.uniquePrefix();
    private final String secondPrefix = TestRedis.uniquePrefix();
    private final RedisTaskRepository first = TestRepositories.onSharedRedis(firstPrefix);
    private final RedisTaskRepository second = TestRepositories.onSharedRedis(secondPrefix);

    @AfterEach
    void close() {
        first.close();
        second.close();
        TestRedis.deleteNamespace(firstPrefix);
        TestRedis.deleteNamespace(secondPrefix);
    }

    @Test
    void tasksOfOnePrefix_areInvisibleToAnotherInFindListAndStats() {
        Task mine = TestTasks.pendingTask(Instant.now());
        Task theirs = TestTasks.pendingTask(Instant.now());
        first.register(mine);
        second.register(theirs);

        assertThat(second.find(mine.id())).isEmpty();
        assertThat(first.find(theirs.id())).isEmpty();
        assertThat(first.list(TaskFilter.all(), PageRequest.first(10)).items()).containsExactly(mine);
        assertThat(second.list(TaskFilter.of(TaskStatus.PENDING, TestTasks.DEFAULT_TYPE), PageRequest.first(10)).items())
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
