package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskStoreUnavailable;
import dev.taskregistry.domain.testing.TestTasks;
import dev.taskregistry.redis.testing.TestRedis;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

/** The repository works on a Jedis client that the caller built and hands it, and owns nothing else. */
class RedisGivenClientTest {

    @RegisterExtension
    final SharedRedisNamespace namespace = new SharedRedisNamespace();

    @Test
    void onAClientTheCallerBuilt_everyMethodWorks() {
        Instant now = Instant.now();
        Task task = TestTasks.pendingTask(now);
        Task started = task.start(now);
        Task other = TestTasks.pendingTask(now);
        try (RedisTaskRepository repository = new RedisTaskRepository(
                RedisConnection.of(RedisClient.create(URI.create(TestRedis.url()))), namespace.prefix())) {
            repository.register(task);
            repository.update(started);
            assertThat(repository.registerAll(List.of(other))).isEmpty();

            assertThat(repository.find(task.id())).contains(started);
            assertThat(repository
                            .list(TaskFilter.of(TaskStatus.RUNNING, null), PageRequest.first(10))
                            .items())
                    .containsExactly(started);
            assertThat(repository.stats().byStatus()).isEqualTo(Map.of(TaskStatus.RUNNING, 1L, TaskStatus.PENDING, 1L));
            assertThat(repository.delete(other.id())).isTrue();
            assertThat(repository.find(other.id())).isEmpty();
        }
    }

    @Test
    void onAClientThatCannotReachRedis_failsWithStoreUnavailable() {
        RedisClient unreachable = RedisClient.builder()
                .hostAndPort("127.0.0.1", 1)
                .clientConfig(DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(500)
                        .socketTimeoutMillis(500)
                        .build())
                .build();
        try (RedisTaskRepository repository =
                new RedisTaskRepository(RedisConnection.of(unreachable), namespace.prefix())) {
            assertThatThrownBy(() -> repository.find(TestTasks.uniqueId()))
                    .isInstanceOf(TaskStoreUnavailable.class)
                    .hasMessageContaining("find");
        }
    }

    @Test
    void aKeyPrefixThatCouldLeaveItsHashTag_isRejected_namingTheKeyPrefix() {
        try (RedisConnection connection = RedisConnection.of(RedisClient.create(URI.create(TestRedis.url())))) {
            for (String prefix : new String[] {"", "a}b", "a{b", "with space", "x".repeat(65)}) {
                assertThatThrownBy(() -> new RedisTaskRepository(connection, prefix))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("'keyPrefix'");
            }
        }
    }
}
