package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import dev.taskregistry.domain.testing.TestTasks;
import dev.taskregistry.redis.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/**
 * No request scans the keyspace (KEYS and SCAN never run, whatever is listed or counted), and every request
 * path works on Redis Cluster: no MULTI/EXEC and no keyless command such as TIME outside a script.
 */
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

    @Test
    void everyRequestPath_sendsNoTransactionAndNoTimeOutsideScripts() {
        String prefix = TestRedis.uniquePrefix();
        RedisTaskRepository repository = redis.openRepository(prefix, TestRepositories.TIMEOUT);
        Jedis admin = redis.openConnection();
        TaskId original = TaskId.of("original-" + UUID.randomUUID());
        // As the original service wrote it: no expires_at, so find reads the key's expiry by Redis' clock.
        admin.psetex("{" + prefix + "}:task:" + original, 60_000, """
                {"id": "%s", "type": "equity_analysis", "status": "pending", "resource_url": "mcp://task/%s",
                 "estimated_completion": null, "progress": 0.0, "created_at": "2026-11-30T10:00:00",
                 "updated_at": "2026-11-30T10:00:00", "query": "analyse ACME", "completed_steps": null,
                 "total_steps": null, "started_at": null, "completed_at": null, "result": null, "error": null}
                """.formatted(original, original));
        ClientCommandLog log = redis.openCommandLog();

        Task task = TestTasks.pendingTask(Instant.now());
        repository.register(task);
        repository.find(task.id());
        repository.update(task.start(Instant.now()));
        assertThat(repository.find(original)).isPresent();
        repository.list(TaskFilter.all(), PageRequest.first(10));
        repository.list(TaskFilter.of(TaskStatus.RUNNING, null), PageRequest.first(10));
        repository.stats();
        repository.delete(task.id());

        assertThat(log.commands())
                .contains("evalsha", "get", "zrange", "mget")
                .doesNotContain("multi", "exec", "time", "keys", "scan");
        assertThat(log.scriptCommands()).contains("time", "pttl", "zremrangebyscore", "zcard", "smembers");
    }
}
