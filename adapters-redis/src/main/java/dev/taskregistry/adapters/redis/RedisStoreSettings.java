package dev.taskregistry.adapters.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the Redis registry lives, how long a call may take, how many connections it may hold and how many
 * replicas a write must reach: the values of the configuration keys below ({@code taskregistry.redis.*}), which
 * its errors name.
 *
 * @param url          {@code redis://[user:password@]host[:port][/database]}, or {@code rediss://} for TLS; on
 *                     Sentinel and Cluster only its credentials, database and scheme count
 * @param keyPrefix    the namespace: every key is {@code {keyPrefix}:...}
 * @param timeout      bound of every call: connect, pooled-connection wait, each reply, and on Sentinel and
 *                     Cluster every retry in a failover
 * @param poolSize     pooled connections (per node on Cluster), all opened at start when Redis is up
 * @param deployment   standalone, Sentinel or Cluster, with its nodes
 * @param waitReplicas replicas every write must reach before it is answered (0: do not wait)
 * @param shards       how many shards the registry is spread over (1: today's keys; DESIGN.md §9)
 */
public record RedisStoreSettings(
        String url,
        String keyPrefix,
        Duration timeout,
        int poolSize,
        RedisDeployment deployment,
        int waitReplicas,
        int shards) {

    /** The configuration keys of the values, as the errors name them (the composition root reads them). */
    public static final String URL_KEY = "taskregistry.redis.url";

    public static final String KEY_PREFIX_KEY = "taskregistry.redis.key-prefix";
    public static final String TIMEOUT_KEY = "taskregistry.redis.timeout";
    public static final String POOL_SIZE_KEY = "taskregistry.redis.pool-size";
    public static final String WAIT_REPLICAS_KEY = "taskregistry.redis.wait-replicas";
    public static final String SHARDS_KEY = ShardLayout.SHARDS_KEY;
    public static final int MAX_WAIT_REPLICAS = 64;

    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
    public static final int DEFAULT_PORT = 6379;
    public static final int DEFAULT_POOL_SIZE = 16;
    public static final int MAX_POOL_SIZE = 1024;
    private static final Pattern DATABASE_PATH = Pattern.compile("/?|/\\d{1,5}");

    public RedisStoreSettings {
        uriOf(url);
        RedisKeys.requireValidPrefix(keyPrefix, KEY_PREFIX_KEY);
        Objects.requireNonNull(timeout, "'" + TIMEOUT_KEY + "' is required");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(
                    "'" + TIMEOUT_KEY + "' must be more than 0 and at most " + MAX_TIMEOUT + ", was " + timeout);
        }
        if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
            throw new IllegalArgumentException(
                    "'" + POOL_SIZE_KEY + "' must be between 1 and " + MAX_POOL_SIZE + ", was " + poolSize);
        }
        Objects.requireNonNull(deployment, "'" + RedisDeployment.MODE_KEY + "' is required");
        if (deployment instanceof RedisDeployment.Cluster && database(uriOf(url)) != 0) {
            throw new IllegalArgumentException("'" + URL_KEY + "' names database " + database(uriOf(url))
                    + ", but Redis Cluster has only database 0 ('" + RedisDeployment.MODE_KEY + "' is cluster)");
        }
        if (waitReplicas < 0 || waitReplicas > MAX_WAIT_REPLICAS) {
            throw new IllegalArgumentException(
                    "'" + WAIT_REPLICAS_KEY + "' must be between 0 and " + MAX_WAIT_REPLICAS + ", was " + waitReplicas);
        }
        ShardLayout.requireValidCount(shards);
    }

    /** Unsharded ({@code shards} 1). */
    public RedisStoreSettings(
            String url,
            String keyPrefix,
            Duration timeout,
            int poolSize,
            RedisDeployment deployment,
            int waitReplicas) {
        this(url, keyPrefix, timeout, poolSize, deployment, waitReplicas, 1);
    }

    /** One Redis server, with the default pool size, writes not waiting for replicas. */
    public RedisStoreSettings(String url, String keyPrefix, Duration timeout) {
        this(url, keyPrefix, timeout, DEFAULT_POOL_SIZE);
    }

    /** One Redis server, writes not waiting for replicas. */
    public RedisStoreSettings(String url, String keyPrefix, Duration timeout, int poolSize) {
        this(url, keyPrefix, timeout, poolSize, RedisDeployment.standalone(), 0);
    }

    /** These settings on another deployment. */
    public RedisStoreSettings on(RedisDeployment otherDeployment) {
        return new RedisStoreSettings(url, keyPrefix, timeout, poolSize, otherDeployment, waitReplicas, shards);
    }

    /** These settings with writes waiting for {@code replicas} replicas. */
    public RedisStoreSettings waitingFor(int replicas) {
        return new RedisStoreSettings(url, keyPrefix, timeout, poolSize, deployment, replicas, shards);
    }

    /** These settings with the registry spread over {@code count} shards. */
    public RedisStoreSettings withShards(int count) {
        return new RedisStoreSettings(url, keyPrefix, timeout, poolSize, deployment, waitReplicas, count);
    }

    /** These settings with {@code size} pooled connections (per node on Cluster). */
    public RedisStoreSettings withPoolSize(int size) {
        return new RedisStoreSettings(url, keyPrefix, timeout, size, deployment, waitReplicas, shards);
    }

    /** How the registry's keys are spread over its shards. */
    ShardLayout layout() {
        return new ShardLayout(keyPrefix, shards);
    }

    /** The URL as a URI; validated at construction. */
    public URI uri() {
        return uriOf(url);
    }

    /** The port of the URL, 6379 when it names none. */
    int port() {
        return uri().getPort() < 0 ? DEFAULT_PORT : uri().getPort();
    }

    /** The database the URL names, 0 when it names none. */
    int database() {
        return database(uri());
    }

    /** The timeout in whole milliseconds, at least 1, as Jedis takes it. */
    int timeoutMillis() {
        return (int) Math.max(1, timeout.toMillis());
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "RedisStoreSettings[url=" + redacted(uri()) + ", keyPrefix=" + keyPrefix + ", timeout=" + timeout
                + ", poolSize=" + poolSize + ", deployment=" + deployment + ", waitReplicas=" + waitReplicas
                + ", shards="
                + shards + "]";
    }

    private static int database(URI uri) {
        String path = uri.getPath();
        return path == null || path.length() <= 1 ? 0 : Integer.parseInt(path.substring(1));
    }

    private static URI uriOf(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("'" + URL_KEY + "' is required, e.g. redis://127.0.0.1:6379");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            // The message of URISyntaxException quotes the input, which may hold a password.
            throw new IllegalArgumentException("'" + URL_KEY + "' is not a valid URL (" + e.getReason() + ")");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
            throw new IllegalArgumentException(
                    "'" + URL_KEY + "' must start with redis:// or rediss://, was " + redacted(uri));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + URL_KEY + "' must name a host, was " + redacted(uri));
        }
        if (uri.getPath() != null && !DATABASE_PATH.matcher(uri.getPath()).matches()) {
            throw new IllegalArgumentException(
                    "'" + URL_KEY + "' may end only with a database number" + " such as /0, was " + redacted(uri));
        }
        return uri;
    }

    private static String redacted(URI uri) {
        String credentials = uri.getUserInfo() == null ? "" : "***@";
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getPath() == null ? "" : uri.getPath();
        String host = uri.getHost() == null ? "(no valid host)" : uri.getHost();
        return uri.getScheme() + "://" + credentials + host + port + path;
    }
}
