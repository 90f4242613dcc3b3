package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.testing.TestTasks;
import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisCluster;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

/**
 * On Redis Cluster every request goes to the master of the registry's slot and sends no MULTI/EXEC, no keyless
 * command and no KEYS or SCAN, as MONITOR on that master sees it.
 */
class RedisClusterCommandUsageTest {

    private final TestRedisCluster cluster = TestRedisCluster.shared();
    private final String prefix = TestRedis.uniquePrefix();
    private final String sampleKey = "{" + prefix + "}:idx:all";

    @AfterEach
    void deleteThisTestsKeys() {
        TestRedis.deleteNamespace(prefix, cluster.masterOf(sampleKey).url());
    }

    @Test
    void everyRequestPath_sendsNoTransactionNoKeylessCommandAndNoScan() throws Exception {
        try (RedisTaskRepository repository = TestRepositories.onCluster(cluster, prefix);
                ClientCommandLog log = new ClientCommandLog(
                        new HostAndPort("127.0.0.1", cluster.masterOf(sampleKey).port()))) {
            repository.warmUp();
            Task task = TestTasks.pendingTask(Instant.now());
            repository.register(task);
            repository.find(task.id());
            repository.update(task.start(Instant.now()));
            repository.list(TaskFilter.all(), PageRequest.first(10));
            repository.list(TaskFilter.of(TaskStatus.RUNNING, null), PageRequest.first(10));
            repository.stats();
            repository.delete(task.id());

            assertThat(log.commands())
                    .contains("script", "evalsha", "get", "zrange", "mget")
                    .doesNotContain("multi", "exec", "time", "keys", "scan");
            assertThat(log.scriptCommands()).contains("time", "zremrangebyscore", "zcard", "smembers");
        }
    }
}
