package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.testing.TestTasks;
import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.params.ClientKillParams;

/**
 * A write with {@code wait-replicas} goes to Redis Cluster as a pipeline (the script, then WAIT). When the
 * master drops that connection before replying, as a master killed in a failover does, Jedis' cluster pipeline
 * logs the failure and leaves the replies unset instead of throwing: the write is sent again like any call
 * that lost its connection, and is never a server error. The drop is made exact: the master's writes are
 * paused, the connection is killed while its script waits, then the pause is lifted.
 */
class RedisClusterDroppedConnectionTest {

    private final TestRedisCluster cluster = TestRedisCluster.shared();
    private final String prefix = TestRedis.uniquePrefix();
    private final RedisServerProcess master = cluster.masterOf("{" + prefix + "}:idx:all");

    @AfterEach
    void deleteThisTestsKeys() {
        TestRedis.deleteNamespace(prefix, master.url());
    }

    @Test
    void aWaitedWrite_whoseConnectionDropsBeforeTheReply_isSentAgain_andApplied() throws Exception {
        Instant now = Instant.now();
        Task task = TestTasks.pendingTask(now);
        Task started = task.start(now);
        try (RedisTaskRepository repository = RedisTaskRepository.connect(
                        TestRepositories.clusterSettings(cluster, prefix).waitingFor(1));
                Jedis admin = new Jedis(new HostAndPort("127.0.0.1", master.port()))) {
            repository.register(task);

            CompletableFuture<Void> update;
            admin.clientPause(10_000, ClientPauseMode.WRITE);
            try {
                update = CompletableFuture.runAsync(() -> repository.update(started));
                await("the update's script waiting on the paused master")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> admin.clientList(ClientType.NORMAL)
                                .lines()
                                .anyMatch(client -> client.contains(" flags=b ") && client.contains("cmd=evalsha")));
                admin.clientKill(ClientKillParams.clientKillParams()
                        .type(ClientType.NORMAL)
                        .skipMe(ClientKillParams.SkipMe.YES));
            } finally {
                admin.clientUnpause();
            }

            update.get(10, TimeUnit.SECONDS);
            assertThat(repository.find(task.id())).contains(started);
        }
    }
}
