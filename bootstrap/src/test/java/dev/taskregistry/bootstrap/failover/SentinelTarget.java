package dev.taskregistry.bootstrap.failover;

import static org.awaitility.Awaitility.await;

import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedisSentinel;
import java.time.Duration;
import java.util.Map;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/** A Sentinel set (1 master, 2 replicas, 3 sentinels) of the test class's own; every prefix lives on its master. */
final class SentinelTarget implements FailoverTarget {

    /** A guard against hanging only: a failover here takes a few seconds. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    private final TestRedisSentinel sentinel = TestRedisSentinel.start();

    @Override
    public int replicasPerMaster() {
        return 2;
    }

    @Override
    public String name() {
        return "Sentinel";
    }

    @Override
    public String gracefulCommand() {
        return "SENTINEL FAILOVER";
    }

    /**
     * {@code SENTINEL FAILOVER} fails over "as if the master was not reachable": Sentinel promotes a replica
     * ({@code REPLICAOF NO ONE}) without stopping the old master, which accepts writes until the clients switch on
     * {@code +switch-master}, and which Sentinel makes a replica of the new master later, dropping them. Those
     * writes were acknowledged; the test counts them, and checks that every task then answered 404 stays absent
     * (a true "not found", not a failover reported as one).
     */
    @Override
    public LossPolicy gracefulLosses() {
        return LossPolicy.COUNTED;
    }

    @Override
    public Map<String, String> environment() {
        return Map.of(
                "TASKREGISTRY_REDIS_MODE",
                "sentinel",
                "TASKREGISTRY_REDIS_NODES",
                sentinel.sentinelsSetting(),
                "TASKREGISTRY_REDIS_SENTINEL_MASTER",
                TestRedisSentinel.MASTER_NAME);
    }

    @Override
    public RedisServerProcess masterOf(String prefix) {
        return sentinel.master();
    }

    @Override
    public RedisServerProcess replicaOf(String prefix) {
        RedisServerProcess master = sentinel.master();
        return sentinel.dataNodes().stream()
                .filter(node -> node != master && node.isRunning())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no running replica of " + master.port()));
    }

    @Override
    public void failOverGracefully(String prefix) {
        sentinel.failOverAndDemoteTheOldMaster();
    }

    /** A sentinel names another master; {@link #rejoin} then waits until they all agree on it. */
    @Override
    public void awaitPromotion(String prefix, RedisServerProcess crashed) {
        await("a sentinel naming a master other than the crashed " + crashed.port())
                .atMost(BOUND)
                .pollInterval(Duration.ofMillis(25))
                .ignoreExceptions()
                .until(() -> sentinel.master() != crashed);
    }

    @Override
    public void awaitNoticedDown(RedisServerProcess node) {
        await("a sentinel marking replica " + node.port() + " as down")
                .atMost(BOUND)
                .pollInterval(Duration.ofMillis(25))
                .until(() -> sentinel.sentinels().stream()
                        .filter(RedisServerProcess::isRunning)
                        .anyMatch(watcher -> marksDown(watcher.port(), node.port())));
    }

    @Override
    public void rejoin(RedisServerProcess node) {
        sentinel.rejoin(node);
    }

    @Override
    public void awaitHealthy() {
        sentinel.awaitStableMaster();
    }

    @Override
    public void close() {
        sentinel.close();
    }

    private static boolean marksDown(int sentinelPort, int port) {
        try (Jedis jedis = new Jedis(
                new HostAndPort("127.0.0.1", sentinelPort),
                DefaultJedisClientConfig.builder()
                        .socketTimeoutMillis(1000)
                        .connectionTimeoutMillis(1000)
                        .build())) {
            return jedis.sentinelReplicas(TestRedisSentinel.MASTER_NAME).stream()
                    .anyMatch(replica -> String.valueOf(port).equals(replica.get("port"))
                            && replica.getOrDefault("flags", "").contains("s_down"));
        } catch (JedisException notNow) {
            return false;
        }
    }
}
