package dev.taskregistry.benchmarks;

import dev.taskregistry.adapters.redis.RedisConnection;
import dev.taskregistry.adapters.redis.RedisStoreSettings;
import dev.taskregistry.adapters.redis.RedisTaskRepository;
import dev.taskregistry.redis.testing.RedisServerProcess;
import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;

/**
 * The Redis every benchmark of one JVM uses: the one named by {@code BENCH_REDIS_URL} (scripts/bench-all.sh
 * starts a redis-server of its own and names it), else a redis-server this JVM starts on a free port and
 * stops when it exits. Never the shared Redis on port 6379: benchmarks load a million keys.
 */
public final class BenchmarkRedis {

    public static final String URL_VARIABLE = "BENCH_REDIS_URL";
    /** Generous: a benchmark measures throughput, it never waits on an outage. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** As the adapter's pool (RedisConnection), so the raw baseline pays the same pooling. */
    private static final int MAX_CONNECTIONS = 16;

    private static final int SHARED_PORT = 6379;

    private static String url;

    private BenchmarkRedis() {}

    public static synchronized String url() {
        if (url == null) {
            String configured = System.getenv(URL_VARIABLE);
            if (configured == null || configured.isBlank()) {
                configured = RedisServerProcess.start().url();
            }
            int port = URI.create(configured.strip()).getPort();
            if (port == SHARED_PORT || port < 0) {
                throw new IllegalStateException(URL_VARIABLE + " names port 6379, the machine's shared Redis: start a"
                        + " redis-server of your own (scripts/bench-all.sh does) or leave " + URL_VARIABLE + " unset");
            }
            url = configured.strip();
        }
        return url;
    }

    /**
     * A key of the registry under {@code keyPrefix}, named as docs/REDIS.md documents them: {@code key(p, "task:" + id)}
     * is a task's document, {@code key(p, "idx:all")} the index of all. The raw baselines read and write
     * these keys directly; each benchmark checks that they hold what the adapter stored.
     */
    public static String key(String keyPrefix, String name) {
        return "{" + keyPrefix + "}:" + name;
    }

    /** The key of a task's document. */
    public static String taskKey(String keyPrefix, String id) {
        return key(keyPrefix, "task:" + id);
    }

    /** The adapter under test, on its own key prefix. */
    public static RedisTaskRepository repository(String keyPrefix) {
        return new RedisTaskRepository(
                RedisConnection.standalone(new RedisStoreSettings(url(), keyPrefix, TIMEOUT)), keyPrefix);
    }

    /** Plain Jedis with the adapter's pool and client settings: the physical limit the adapter is compared with. */
    public static RedisClient rawClient() {
        URI uri = URI.create(url());
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(MAX_CONNECTIONS);
        pool.setMaxIdle(MAX_CONNECTIONS);
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setMaxWait(TIMEOUT);
        return RedisClient.builder()
                .hostAndPort(uri.getHost(), uri.getPort())
                .clientConfig(DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis((int) TIMEOUT.toMillis())
                        .socketTimeoutMillis((int) TIMEOUT.toMillis())
                        .clientSetInfoConfig(ClientSetInfoConfig.DISABLED)
                        .build())
                .poolConfig(pool)
                .build();
    }
}
