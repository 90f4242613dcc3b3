package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskStoreUnavailable;
import dev.taskregistry.domain.testing.TestTasks;
import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A master made a replica (by Sentinel or Cluster at the end of a failover) answers every {@code WAIT} still waiting
 * with {@code UNBLOCKED}: a write with {@code wait-replicas} that was waiting is sent again like any write caught
 * in a failover, and is unavailable (503) while no master takes it, never rejected as if the request were wrong
 * (500).
 */
class RedisDemotedMasterTest {

    // Its own server, because the test makes it a replica.
    @RegisterExtension
    static final OwnRedisServer redis = new OwnRedisServer();

    @Test
    void unblocked_isAFailoverReply() {
        JedisDataException unblocked = new JedisDataException(
                "UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)");

        assertThat(StoreFailures.isFailover(unblocked)).isTrue();
        assertThat(StoreFailures.translate("update", unblocked)).isInstanceOf(TaskStoreUnavailable.class);
    }

    @Test
    void aWriteWaitingForAReplica_onAMasterMadeAReplicaMeanwhile_isSentAgain_thenUnavailable() throws Exception {
        Task task = TestTasks.pendingTask(Instant.now());
        HostAndPort server = new HostAndPort("127.0.0.1", redis.server().port());
        // As on Sentinel: calls sent again within 2 s; WAIT waits longer, so it still waits when the master goes.
        RedisConnection connection = new FailoverRetryingConnection(
                "own server as a Sentinel master",
                () -> RedisClient.builder()
                        .hostAndPort(server)
                        .clientConfig(DefaultJedisClientConfig.builder()
                                .socketTimeoutMillis(20_000)
                                .build())
                        .build(),
                Duration.ofSeconds(2),
                client -> {});
        Jedis admin = redis.openConnection();
        try (RedisServerProcess newMaster = RedisServerProcess.start();
                RedisTaskRepository repository =
                        new RedisTaskRepository(connection, TestRedis.uniquePrefix(), new ReplicaWait(1, 10_000))) {
            // Scripts loaded first, so that the registration's first round trip is the script and its WAIT.
            repository.warmUp();
            CompletableFuture<Void> register = CompletableFuture.runAsync(() -> repository.register(task));
            await("the registration's WAIT waiting")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> admin.clientList(ClientType.NORMAL)
                            .lines()
                            .anyMatch(client -> client.contains(" flags=b ") && client.contains("cmd=wait")));

            admin.replicaof("127.0.0.1", newMaster.port());

            assertThatThrownBy(() -> register.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(TaskStoreUnavailable.class);
        } finally {
            admin.replicaofNoOne();
        }
    }
}
