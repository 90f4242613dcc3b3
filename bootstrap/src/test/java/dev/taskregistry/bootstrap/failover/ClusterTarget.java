package dev.taskregistry.bootstrap.failover;

import static org.awaitility.Awaitility.await;

import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedisCluster;
import java.time.Duration;
import java.util.Map;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/** A Redis Cluster of 3 masters and 3 replicas of the test class's own. */
final class ClusterTarget implements FailoverTarget {

    /** A guard against hanging only: a failover here takes a few seconds. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    private final TestRedisCluster cluster = TestRedisCluster.start();

    @Override
    public int replicasPerMaster() {
        return 1;
    }

    @Override
    public String name() {
        return "Cluster";
    }

    @Override
    public String gracefulCommand() {
        return "CLUSTER FAILOVER";
    }

    /** The master pauses its clients until the promoted replica has its whole stream, then redirects them. */
    @Override
    public LossPolicy gracefulLosses() {
        return LossPolicy.NONE_ALLOWED;
    }

    @Override
    public Map<String, String> environment() {
        return Map.of("TASKREGISTRY_REDIS_MODE", "cluster", "TASKREGISTRY_REDIS_NODES", cluster.nodesSetting());
    }

    @Override
    public RedisServerProcess masterOf(String prefix) {
        return cluster.masterOf(slotKey(prefix));
    }

    @Override
    public RedisServerProcess replicaOf(String prefix) {
        return cluster.replicasOf(slotKey(prefix)).getFirst();
    }

    @Override
    public void failOverGracefully(String prefix) {
        cluster.failOver(slotKey(prefix));
    }

    @Override
    public void awaitPromotion(String prefix, RedisServerProcess crashed) {
        await("another master serving the slot of " + slotKey(prefix))
                .atMost(BOUND)
                .pollInterval(Duration.ofMillis(25))
                .ignoreExceptions()
                .until(() -> cluster.masterOf(slotKey(prefix)) != crashed);
    }

    @Override
    public void awaitNoticedDown(RedisServerProcess node) {
        await("the cluster marking node " + node.port() + " as failed")
                .atMost(BOUND)
                .pollInterval(Duration.ofMillis(25))
                .until(() -> cluster.nodes().stream()
                        .filter(other -> other != node && other.isRunning())
                        .anyMatch(other -> marksFailed(other.port(), node.port())));
    }

    @Override
    public void rejoin(RedisServerProcess node) {
        cluster.rejoin(node);
    }

    @Override
    public void awaitHealthy() {
        cluster.awaitHealthy();
    }

    @Override
    public void close() {
        cluster.close();
    }

    private static String slotKey(String prefix) {
        return "{" + prefix + "}:idx:all";
    }

    private static boolean marksFailed(int askedPort, int port) {
        try (Jedis jedis = new Jedis(
                new HostAndPort("127.0.0.1", askedPort),
                DefaultJedisClientConfig.builder()
                        .socketTimeoutMillis(1000)
                        .connectionTimeoutMillis(1000)
                        .build())) {
            return jedis.clusterNodes()
                    .lines()
                    .map(line -> line.split(" "))
                    .anyMatch(fields -> fields[1].startsWith("127.0.0.1:" + port + "@")
                            && (fields[2].contains("fail") && !fields[2].contains("fail?")));
        } catch (JedisException notNow) {
            return false;
        }
    }
}
