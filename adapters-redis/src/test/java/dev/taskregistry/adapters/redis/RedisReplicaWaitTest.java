package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.domain.ProgressReport;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskAlreadyExists;
import dev.taskregistry.domain.TaskStoreUnavailable;
import dev.taskregistry.domain.TaskType;
import dev.taskregistry.domain.testing.TestTasks;
import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisCluster;
import dev.taskregistry.redis.testing.TestRedisSentinel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * {@code taskregistry.redis.wait-replicas}: a write answered as done is on that many replicas; a write that
 * reached fewer fails as unavailable, though the master applied it. On the shared Sentinel set (2 replicas), the
 * shared cluster (1 replica per master) and a server without replicas.
 */
class RedisReplicaWaitTest {

    private final String prefix = TestRedis.uniquePrefix();
    private final OpenedResources opened = new OpenedResources();

    @AfterEach
    void closeAndDeleteThisTestsKeys() throws Exception {
        opened.closeAll();
        TestRedis.deleteNamespace(prefix, TestRedisSentinel.shared().master().url());
        TestRedis.deleteNamespace(
                prefix,
                TestRedisCluster.shared().masterOf("{" + prefix + "}:idx:all").url());
        TestRedis.deleteNamespace(prefix);
    }

    @Test
    void onSentinel_withBothReplicasRequired_everyAnsweredWriteIsOnBothReplicas() {
        TestRedisSentinel sentinel = TestRedisSentinel.shared();
        RedisTaskRepository repository = opened.add(RedisTaskRepository.connect(
                TestRepositories.sentinelSettings(sentinel, prefix).waitingFor(2)));
        List<RedisServerProcess> replicas = replicasOf(sentinel);
        Instant now = Instant.now();
        Task task = TestTasks.pendingTask(now);
        String taskKey = new RedisKeys(prefix).task(task.id());

        repository.register(task);
        assertThat(replicas)
                .allSatisfy(replica -> assertThat(read(replica, taskKey)).hasValueSatisfying(holding(1)));

        repository.update(task.start(now));
        assertThat(replicas)
                .allSatisfy(replica -> assertThat(read(replica, taskKey)).hasValueSatisfying(holding(2)));

        assertThat(repository.delete(task.id())).isTrue();
        assertThat(replicas)
                .allSatisfy(replica -> assertThat(read(replica, taskKey)).isEmpty());
    }

    @Test
    void onSentinel_withMoreReplicasRequiredThanThereAre_aWriteFailsAsUnavailable_butIsOnTheMaster() {
        TestRedisSentinel sentinel = TestRedisSentinel.shared();
        RedisStoreSettings settings = TestRepositories.sentinelSettings(sentinel, prefix);
        RedisTaskRepository waiting = opened.add(RedisTaskRepository.connect(settings.waitingFor(3)));
        Task task = TestTasks.pendingTask(Instant.now());

        assertThatThrownBy(() -> waiting.register(task))
                .isInstanceOf(TaskStoreUnavailable.class)
                .hasMessageContaining("register was applied on the master but reached 2 of the 3 replicas required")
                .hasMessageContaining("may lose it");

        assertThat(opened.add(RedisTaskRepository.connect(settings)).find(task.id()))
                .contains(task);
    }

    @Test
    void onCluster_theRegistrysMastersReplicaIsWaitedFor_andASecondOneIsMissing() {
        TestRedisCluster cluster = TestRedisCluster.shared();
        RedisStoreSettings settings = TestRepositories.clusterSettings(cluster, prefix);
        RedisTaskRepository one = opened.add(RedisTaskRepository.connect(settings.waitingFor(1)));
        RedisTaskRepository two = opened.add(RedisTaskRepository.connect(settings.waitingFor(2)));
        Instant now = Instant.now();
        Task task = TestTasks.pendingTask(now);
        Task other = TestTasks.pendingTask(now);

        one.register(task);
        one.update(task.start(now));
        assertThat(one.registerAll(List.of(other))).isEmpty();
        RedisServerProcess replica =
                cluster.replicasOf("{" + prefix + "}:idx:all").getFirst();
        assertThat(read(replica, new RedisKeys(prefix).task(task.id()))).hasValueSatisfying(holding(2));
        assertThat(read(replica, new RedisKeys(prefix).task(other.id()))).hasValueSatisfying(holding(1));

        assertThatThrownBy(() -> two.update(task.start(now).reportProgress(ProgressReport.ofSteps(1), now)))
                .isInstanceOf(TaskStoreUnavailable.class)
                .hasMessageContaining("reached 1 of the 2 replicas required");
    }

    @Test
    void onAServerWithoutReplicas_aWaitingWriteFailsAsUnavailable_andARefusedOneIsNot() {
        RedisStoreSettings settings =
                new RedisStoreSettings(TestRedis.url(), prefix, TestRepositories.TIMEOUT).waitingFor(1);
        RedisTaskRepository waiting = opened.add(RedisTaskRepository.connect(settings));
        Task task = TestTasks.pendingTask(Instant.now());

        assertThatThrownBy(() -> waiting.register(task))
                .isInstanceOf(TaskStoreUnavailable.class)
                .hasMessageContaining("reached 0 of the 1 replicas required");
        // Nothing is written when the id is live, so there is nothing to wait for: the refusal stands.
        Task impostor = TestTasks.pendingTask(task.id(), Instant.now(), TaskType.of("other"), Duration.ofMinutes(1));
        assertThatThrownBy(() -> waiting.register(impostor)).isInstanceOf(TaskAlreadyExists.class);
    }

    private static List<RedisServerProcess> replicasOf(TestRedisSentinel sentinel) {
        RedisServerProcess master = sentinel.master();
        return sentinel.dataNodes().stream().filter(node -> node != master).toList();
    }

    private static Consumer<String> holding(int version) {
        return document -> assertThat(document).contains("\"version\":" + version + ",");
    }

    /** The key as the replica holds it now, read on the replica itself (READONLY: a cluster replica's own view). */
    private static Optional<String> read(RedisServerProcess replica, String key) {
        try (Jedis client = new Jedis(
                new HostAndPort("127.0.0.1", replica.port()),
                DefaultJedisClientConfig.builder().serverDefaultProtocol().build())) {
            if (client.info("cluster").contains("cluster_enabled:1")) {
                client.readonly();
            }
            return Optional.ofNullable(client.get(key));
        }
    }
}
