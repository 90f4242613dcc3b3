package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.testing.TestTasks;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** Scripts are called by SHA; when Redis has forgotten them (restart, SCRIPT FLUSH) they are loaded again. */
class RedisScriptReloadTest {

    // Its own server, because SCRIPT FLUSH empties the script cache of every client of the server.
    @RegisterExtension
    static final OwnRedisServer redis = new OwnRedisServer();

    private final RedisTaskRepository repository = redis.openRepository();
    private final Jedis admin = redis.openConnection();

    @Test
    void registerUpdateAndDelete_workRightAfterScriptFlush() {
        Task task = TestTasks.pendingTask(Instant.now());
        Task started = task.start(Instant.now());

        admin.scriptFlush();
        repository.register(task);
        admin.scriptFlush();
        repository.update(started);
        assertThat(repository.find(task.id())).contains(started);
        admin.scriptFlush();
        assertThat(repository.delete(task.id())).isTrue();

        assertThat(repository.find(task.id())).isEmpty();
    }

    @Test
    void registerAll_worksRightAfterScriptFlush() {
        Task first = TestTasks.pendingTask(Instant.now());
        Task second = TestTasks.pendingTask(Instant.now());

        admin.scriptFlush();

        assertThat(repository.registerAll(List.of(first, second))).isEmpty();
        assertThat(repository.find(first.id())).contains(first);
        assertThat(repository.find(second.id())).contains(second);
    }
}
