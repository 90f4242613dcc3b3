package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.adapters.redis.testing.RedisServerProcess;
import dev.taskregistry.adapters.redis.testing.TestRedis;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TestTasks;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** Scripts are called by SHA; when Redis has forgotten them (restart, SCRIPT FLUSH) they are loaded again. */
class RedisScriptReloadTest {

    private static RedisServerProcess server;

    private final RedisTaskRepository repository =
            TestRepositories.on(server.url(), TestRedis.uniquePrefix(), TestRepositories.TIMEOUT);
    private final RedisClient redis = TestRepositories.plainClient(server.url());

    @BeforeAll
    static void startServer() {
        server = RedisServerProcess.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @AfterEach
    void close() {
        repository.close();
        redis.close();
    }

    @Test
    void registerUpdateAndDelete_workRightAfterScriptFlush() {
        Task task = TestTasks.pendingTask(Instant.now());
        Task started = task.start(Instant.now());

        redis.scriptFlush();
        repository.register(task);
        redis.scriptFlush();
        repository.update(started);
        assertThat(repository.find(task.id())).contains(started);
        redis.scriptFlush();
        assertThat(repository.delete(task.id())).isTrue();

        assertThat(repository.find(task.id())).isEmpty();
    }
}
