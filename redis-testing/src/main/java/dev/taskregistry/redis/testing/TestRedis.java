package dev.taskregistry.redis.testing;

import java.net.URI;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis that tests share within one JVM, found once in this order: the URL in
 * {@code TASKREGISTRY_TEST_REDIS_URL}; a Testcontainers {@code redis:7} container when Docker is
 * available; a {@code redis-server} from the PATH on a free port (stopped when the JVM exits).
 * Without any of them, tests fail with {@link #HOW_TO}; they are never skipped. Tests share it, so each
 * keeps its data apart with {@link #uniquePrefix()}, removes it with {@link #deleteNamespace(String)}
 * and never flushes the server.
 */
public final class TestRedis {

    public static final String URL_VARIABLE = "TASKREGISTRY_TEST_REDIS_URL";
    public static final String HOW_TO = "To give the tests a Redis (6.2 or newer), do one of: set "
            + URL_VARIABLE + "=redis://host:port; start a Docker engine (Testcontainers runs redis:7);"
            + " install Redis so that redis-server is on the PATH (e.g. apt-get install redis-server).";

    private static final System.Logger LOG = System.getLogger(TestRedis.class.getName());

    private static final int SCAN_BATCH = 1000;

    private static String url;

    private TestRedis() {}

    /** The shared Redis' URL, starting it on first use. */
    public static synchronized String url() {
        if (url == null) {
            url = locate();
        }
        return url;
    }

    /** A key prefix no other test uses. */
    public static String uniquePrefix() {
        return "test-" + UUID.randomUUID();
    }

    /**
     * Deletes every key of a prefix from the shared Redis, so that a long-lived server (one named by
     * {@code TASKREGISTRY_TEST_REDIS_URL}) keeps nothing of finished tests. Test clean-up only: it scans.
     */
    public static void deleteNamespace(String prefix) {
        deleteNamespace(prefix, url());
    }

    /**
     * Deletes every key of a prefix from the Redis at {@code serverUrl}: on a cluster, the master of the
     * prefix's slot; on a Sentinel set, its master. Test clean-up only: it scans.
     */
    public static void deleteNamespace(String prefix, String serverUrl) {
        deleteMatching("{" + prefix + "}:*", serverUrl);
    }

    /**
     * Deletes every key of a registry spread over shards, {@code {prefix}:*} and {@code {prefix:<k>}:*}, from the
     * Redis at each of {@code serverUrls} (on a cluster, the masters of its shards). Test clean-up only: it scans.
     */
    public static void deleteShardedNamespace(String prefix, Iterable<String> serverUrls) {
        for (String serverUrl : serverUrls) {
            deleteNamespace(prefix, serverUrl);
            deleteMatching("{" + prefix + ":*}:*", serverUrl);
        }
    }

    private static void deleteMatching(String pattern, String serverUrl) {
        ScanParams ownKeys = new ScanParams().match(pattern).count(SCAN_BATCH);
        try (RedisClient redis = RedisClient.create(URI.create(serverUrl))) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> batch = redis.scan(cursor, ownKeys);
                // One key per DEL: a sharded registry's keys lie in many slots, which one cluster node's DEL refuses.
                batch.getResult().forEach(redis::del);
                cursor = batch.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        }
    }

    private static String locate() {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return announce(configured.strip(), "from " + URL_VARIABLE);
        }
        if (RedisContainer.isDockerAvailable()) {
            return announce(RedisContainer.startShared(), "Testcontainers redis:7");
        }
        if (RedisServerLauncher.isInstalled()) {
            // Never closed explicitly: its shutdown hook stops it when the JVM exits.
            return announce(RedisServerProcess.start().url(), "redis-server from the PATH");
        }
        throw new IllegalStateException("No Redis for the tests. " + HOW_TO);
    }

    private static String announce(String found, String source) {
        LOG.log(System.Logger.Level.INFO, "Test Redis at {0} ({1})", found, source);
        return found;
    }
}
