package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.adapters.redis.LuaScripts.Script;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskResult;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.testing.TestTasks;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The Java side and the scripts agree on the keys: each status lands in its own status index, whatever the
 * number of statuses, and a status position the keys do not cover is refused before anything is written (nor
 * any event appended).
 */
class RedisScriptKeysTest {

    private static final Map<TaskStatus, Function<Task, Task>> INTO_STATUS = Map.of(
            TaskStatus.PENDING, task -> task,
            TaskStatus.RUNNING, task -> task.start(Instant.now()),
            TaskStatus.COMPLETED, task -> task.complete(TaskResult.ofJson("1"), Instant.now(), TestTasks.RETENTION),
            TaskStatus.FAILED, task -> task.fail("broken", Instant.now(), TestTasks.RETENTION),
            TaskStatus.CANCELLED, task -> task.cancel(Instant.now(), TestTasks.RETENTION));

    @RegisterExtension
    final SharedRedisNamespace namespace = new SharedRedisNamespace();

    private final RedisTaskRepository repository = namespace.openRepository();
    private final RedisClient redis = namespace.openPlainClient();
    private final RedisKeys keys = new RedisKeys(namespace.prefix());

    @Test
    void everyStatus_isCoveredByATransitionHere() {
        assertThat(INTO_STATUS).containsOnlyKeys(TaskStatus.values());
    }

    @Test
    void aTaskInEachStatus_isInThatStatusIndexAndNoOther() {
        for (TaskStatus status : TaskStatus.values()) {
            Task task = INTO_STATUS.get(status).apply(TestTasks.pendingTask(Instant.now()));
            repository.register(task);

            for (TaskStatus index : TaskStatus.values()) {
                assertThat(redis.zscore(keys.status(index), task.id().value()))
                        .as("%s task in the %s index", status, index)
                        .matches(score -> (score != null) == (index == status));
            }
        }
    }

    @Test
    void aStatusPositionTheKeysDoNotCover_isRefused_andNothingIsWritten() {
        Task task = TestTasks.pendingTask(Instant.now());
        List<String> changeKeys = keys.forTaskChange(task.id(), task.type());
        String beyond = String.valueOf(TaskStatus.values().length + 1);

        assertThatThrownBy(() -> LuaScripts.run(
                        redis,
                        Script.REGISTER,
                        changeKeys,
                        List.of(
                                "{}",
                                String.valueOf(task.expiresAt().toEpochMilli()),
                                task.id().value(),
                                beyond,
                                task.type().value())))
                .isInstanceOf(JedisDataException.class)
                .hasMessageContaining("outside 1.." + TaskStatus.values().length);
        assertThat(redis.exists(keys.task(task.id()))).isFalse();
        assertThat(redis.exists(keys.events())).isFalse();
        assertThat(changeKeys).hasSize(5 + TaskStatus.values().length).endsWith(keys.types(), keys.events());
    }
}
