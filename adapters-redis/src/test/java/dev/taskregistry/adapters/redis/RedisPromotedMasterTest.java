package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.adapters.redis.LuaScripts.Script;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.testing.TestTasks;
import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisCluster;
import dev.taskregistry.redis.testing.TestRedisSentinel;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Scripts are not replicated: a replica promoted by a failover has none of them. The registry's next write on the
 * promoted master meets NOSCRIPT, loads the script there and succeeds, on Cluster and on Sentinel (graceful
 * failovers of the shared deployments; the worker-process failover tests crash masters too).
 */
class RedisPromotedMasterTest {

    private final String prefix = TestRedis.uniquePrefix();
    private final OpenedResources opened = new OpenedResources();

    @AfterEach
    void closeAndDeleteThisTestsKeys() throws Exception {
        opened.closeAll();
        TestRedis.deleteNamespace(
                prefix,
                TestRedisCluster.shared().masterOf("{" + prefix + "}:idx:all").url());
        TestRedis.deleteNamespace(prefix, TestRedisSentinel.shared().master().url());
    }

    @Test
    void onCluster_theFirstWriteOnAPromotedMaster_loadsTheScriptThere_andSucceeds() {
        TestRedisCluster cluster = TestRedisCluster.shared();
        RedisTaskRepository repository = opened.add(TestRepositories.onCluster(cluster, prefix));
        Instant now = Instant.now();
        Task task = TestTasks.pendingTask(now);
        repository.register(task);
        RedisServerProcess replica =
                cluster.replicasOf("{" + prefix + "}:idx:all").getFirst();
        assertThat(hasScript(replica, Script.UPDATE)).isFalse();

        RedisServerProcess promoted = cluster.failOver("{" + prefix + "}:idx:all");
        repository.update(task.start(now));

        assertThat(promoted).isSameAs(replica);
        assertThat(hasScript(promoted, Script.UPDATE)).isTrue();
        assertThat(repository.find(task.id())).contains(task.start(now));
    }

    @Test
    void onSentinel_theFirstWriteOnAPromotedMaster_loadsTheScriptThere_andSucceeds() {
        TestRedisSentinel sentinel = TestRedisSentinel.shared();
        RedisTaskRepository repository = opened.add(TestRepositories.onSentinel(sentinel, prefix));
        Instant now = Instant.now();
        Task task = TestTasks.pendingTask(now);
        repository.register(task);

        RedisServerProcess master = sentinel.master();
        sentinel.dataNodes().stream().filter(node -> node != master).forEach(RedisPromotedMasterTest::flushScripts);

        RedisServerProcess promoted = sentinel.failOver();
        repository.update(task.start(now));

        assertThat(hasScript(promoted, Script.UPDATE)).isTrue();
        assertThat(repository.find(task.id())).contains(task.start(now));
    }

    private static boolean hasScript(RedisServerProcess node, Script script) {
        try (Jedis jedis = admin(node)) {
            return jedis.scriptExists(script.sha());
        }
    }

    private static void flushScripts(RedisServerProcess node) {
        try (Jedis jedis = admin(node)) {
            jedis.scriptFlush();
        }
    }

    private static Jedis admin(RedisServerProcess node) {
        return new Jedis(
                new HostAndPort("127.0.0.1", node.port()),
                DefaultJedisClientConfig.builder().serverDefaultProtocol().build());
    }
}
