package dev.taskregistry.benchmarks;

import dev.taskregistry.adapters.redis.RedisDeployment;
import dev.taskregistry.adapters.redis.RedisStoreSettings;
import dev.taskregistry.adapters.redis.RedisTaskRepository;
import dev.taskregistry.redis.testing.TestRedisCluster;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClusterClient;

/**
 * The Redis Cluster every cluster benchmark of one JVM uses: the one named by {@code BENCH_CLUSTER_NODES}
 * ({@code host:port,host:port}; scripts/bench-all.sh starts one with {@link ClusterForBenchmarks} and names it,
 * so that the adapter's and the raw forks of a JMH run measure the same cluster), else a cluster of 3 masters and
 * 3 replicas this JVM starts ({@link TestRedisCluster}) and stops when it exits. Never a node on port 6379.
 */
public final class BenchmarkCluster {

    public static final String NODES_VARIABLE = "BENCH_CLUSTER_NODES";
    /** As the adapter's pool on Cluster: 16 connections per node. */
    private static final int MAX_CONNECTIONS = RedisStoreSettings.DEFAULT_POOL_SIZE;
    /** As the adapter's client on Cluster (DeploymentClients.CLUSTER_ATTEMPTS). */
    private static final int MAX_ATTEMPTS = 5;

    private static final int SHARED_PORT = 6379;

    private static String nodes;
    private static TestRedisCluster own;

    private BenchmarkCluster() {}

    /** The seed nodes, {@code 127.0.0.1:p1,127.0.0.1:p2,...}. */
    public static synchronized String nodes() {
        if (nodes == null) {
            String configured = System.getenv(NODES_VARIABLE);
            if (configured == null || configured.isBlank()) {
                own = TestRedisCluster.start();
                Runtime.getRuntime().addShutdownHook(new Thread(own::close, "benchmark-cluster-stop"));
                configured = own.nodesSetting();
            }
            for (HostAndPort node : addresses(configured)) {
                if (node.getPort() == SHARED_PORT) {
                    throw new IllegalStateException(NODES_VARIABLE + " names port 6379, the machine's shared Redis:"
                            + " leave it unset (a cluster of the benchmark's own is started) or name your own nodes");
                }
            }
            nodes = configured.strip();
        }
        return nodes;
    }

    public static List<HostAndPort> addresses() {
        return List.copyOf(addresses(nodes()));
    }

    /** The adapter under test, connected as the service connects with {@code taskregistry.redis.mode=cluster}. */
    public static RedisTaskRepository repository(String keyPrefix) {
        return RedisTaskRepository.connect(settings(keyPrefix, BenchmarkRedis.TIMEOUT));
    }

    /** The service's settings on this cluster: the first seed's URL (only its scheme and credentials count). */
    public static RedisStoreSettings settings(String keyPrefix, Duration timeout) {
        HostAndPort first = addresses().getFirst();
        return new RedisStoreSettings("redis://" + first.getHost() + ":" + first.getPort(), keyPrefix, timeout)
                .on(RedisDeployment.of("cluster", Optional.of(nodes()), Optional.empty()));
    }

    /**
     * Plain Jedis {@code RedisClusterClient} configured as the adapter's (DeploymentClients and JedisSettings of
     * adapters-redis): the same timeouts, no {@code CLIENT SETINFO}, 16 connections per node in a fair pool, 5
     * attempts within the timeout. The physical limit the adapter on Cluster is compared with.
     */
    public static RedisClusterClient rawClient() {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(MAX_CONNECTIONS);
        pool.setMaxIdle(MAX_CONNECTIONS);
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setFairness(true);
        pool.setMaxWait(BenchmarkRedis.TIMEOUT);
        int timeoutMillis = (int) BenchmarkRedis.TIMEOUT.toMillis();
        return RedisClusterClient.builder()
                .nodes(Set.copyOf(addresses()))
                .clientConfig(DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(timeoutMillis)
                        .socketTimeoutMillis(timeoutMillis)
                        .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                        .build())
                .poolConfig(pool)
                .maxAttempts(MAX_ATTEMPTS)
                .maxTotalRetriesDuration(BenchmarkRedis.TIMEOUT)
                .build();
    }

    private static Set<HostAndPort> addresses(String setting) {
        Set<HostAndPort> addresses = new LinkedHashSet<>();
        for (String node : setting.split(",")) {
            String trimmed = node.strip();
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(NODES_VARIABLE + " must be host:port,host:port, was " + setting);
            }
            addresses.add(new HostAndPort(trimmed.substring(0, colon), Integer.parseInt(trimmed.substring(colon + 1))));
        }
        return addresses;
    }
}
