package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import dev.taskregistry.domain.testing.TestTasks;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** No request scans the keyspace: KEYS and SCAN never run, whatever is listed or counted. */
class RedisCommandUsageTest {

    // Its own server, because the command statistics count every client of the server.
    @RegisterExtension
    static final OwnRedisServer redis = new OwnRedisServer();

    @Test
    void everyKindOfListingAndStats_runWithoutKeysOrScan() {
        RedisTaskRepository repository = redis.openRepository();
        Jedis admin = redis.openConnection();
        TaskType report = TaskType.of("report");
        for (int i = 0; i < 6; i++) {
            Task task = TestTasks.pendingTask(
                    Instant.now(), i % 2 == 0 ? report : TestTasks.DEFAULT_TYPE, Duration.ofMinutes(5 + i));
            repository.register(task);
            if (i % 3 == 0) {
                repository.update(task.start(Instant.now()));
            }
        }
        admin.configResetStat();

        TaskPage first = repository.list(TaskFilter.all(), PageRequest.first(2));
        repository.list(
                TaskFilter.all(), PageRequest.first(2).after(first.next().orElseThrow()));
        repository.list(TaskFilter.of(TaskStatus.RUNNING, null), PageRequest.first(10));
        repository.list(TaskFilter.of(null, report), PageRequest.first(10));
        repository.list(TaskFilter.of(TaskStatus.PENDING, report), PageRequest.first(10));
        repository.stats();

        String commandStats = admin.info("commandstats");
        assertThat(commandStats).doesNotContain("cmdstat_keys:").doesNotContain("cmdstat_scan:");
        assertThat(commandStats).contains("cmdstat_zrange:", "cmdstat_mget:", "cmdstat_zcard:");
    }
}
