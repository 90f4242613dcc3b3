package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskStoreUnavailable;
import dev.taskregistry.domain.testing.TestTasks;
import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedis;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** The user, password and database of the URL are the ones the repository uses. */
class RedisUrlTest {

    @Test
    void userPasswordAndDatabaseOfTheUrl_areUsed() {
        try (RedisServerProcess server = RedisServerProcess.start();
                Jedis admin = new Jedis(new HostAndPort("127.0.0.1", server.port()))) {
            admin.configSet("requirepass", "s3cret");
            String prefix = TestRedis.uniquePrefix();
            Task task = TestTasks.pendingTask(Instant.now());

            try (RedisTaskRepository repository = TestRepositories.on(
                    "redis://default:s3cret@127.0.0.1:" + server.port() + "/3", prefix, TestRepositories.TIMEOUT)) {
                repository.register(task);
                assertThat(repository.find(task.id())).contains(task);
            }

            String key = "{" + prefix + "}:task:" + task.id();
            assertThat(admin.exists(key)).isFalse();
            admin.select(3);
            assertThat(admin.exists(key)).isTrue();
        }
    }

    @Test
    void wrongPassword_isReportedAsStoreUnavailable_withoutThePassword() {
        try (RedisServerProcess server = RedisServerProcess.start();
                Jedis admin = new Jedis(new HostAndPort("127.0.0.1", server.port()))) {
            admin.configSet("requirepass", "s3cret");

            try (RedisTaskRepository repository = TestRepositories.on(
                    "redis://default:wrong-one@127.0.0.1:" + server.port(),
                    TestRedis.uniquePrefix(),
                    TestRepositories.TIMEOUT)) {
                assertThatThrownBy(() -> repository.find(TestTasks.uniqueId()))
                        .isInstanceOf(TaskStoreUnavailable.class)
                        .message()
                        .doesNotContain("wrong-one");
            }
        }
    }
}
