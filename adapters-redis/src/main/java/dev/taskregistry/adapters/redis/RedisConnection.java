package dev.taskregistry.adapters.redis;

import java.util.function.Function;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * What {@link RedisTaskRepository} needs of a Redis deployment: a Jedis {@link UnifiedJedis}, which each of
 * Jedis' {@code RedisClient}, {@code RedisSentinelClient} and {@code RedisClusterClient} is, and one way to
 * call it that turns every Jedis failure into a registry error. The composition root builds one and hands
 * it to the repository, which closes it when it is closed.
 */
public interface RedisConnection extends AutoCloseable {

    /**
     * Runs {@code work} on the client; {@code operation} names it in error messages.
     *
     * @throws dev.taskregistry.domain.TaskStoreUnavailable when Redis cannot be reached, times out or answers
     *         that it cannot serve now (loading, busy, failing over, out of memory, refusing the credentials)
     * @throws IllegalStateException when Redis rejects the call for another reason (e.g. WRONGTYPE)
     */
    <T> T call(String operation, Function<UnifiedJedis, T> work);

    /**
     * Opens the connections this connection pools now, instead of on first use, so that a first burst of
     * requests does not queue behind their set-up. Does nothing when it pools none of its own.
     *
     * @throws dev.taskregistry.domain.TaskStoreUnavailable when Redis cannot be reached now
     */
    default void open(String operation) {}

    @Override
    void close();

    /**
     * One Redis server, as {@code taskregistry.redis.url} names it: a pool of {@code poolSize} connections,
     * opened lazily (the service starts while Redis is down and recovers by itself), every call bounded by
     * the timeout including the wait for a pooled connection, and a call that fails at once on a connection
     * that died with an earlier Redis repeated once on a fresh one.
     */
    static RedisConnection standalone(RedisStoreSettings settings) {
        return new StandaloneRedisConnection(settings);
    }

    /** The connection to the deployment the settings name: {@link #standalone}, {@link #sentinel} or {@link #cluster}. */
    static RedisConnection forDeployment(RedisStoreSettings settings) {
        return switch (settings.deployment()) {
            case RedisDeployment.Standalone standalone -> standalone(settings);
            case RedisDeployment.Sentinel sentinel -> sentinel(settings);
            case RedisDeployment.Cluster cluster -> cluster(settings);
        };
    }

    /**
     * The master of a Sentinel set, found through its sentinels and followed when they fail it over: Jedis'
     * {@code RedisSentinelClient}, {@code poolSize} connections to the master. A call failing as a failover does
     * is sent again with a short backoff until the timeout since it began has passed.
     *
     * @throws IllegalArgumentException when the settings name another deployment
     */
    static RedisConnection sentinel(RedisStoreSettings settings) {
        if (!(settings.deployment() instanceof RedisDeployment.Sentinel sentinel)) {
            throw new IllegalArgumentException("not a Sentinel deployment: " + settings.deployment());
        }
        return new FailoverRetryingConnection(
                "Redis Sentinel master '" + sentinel.masterName() + "' via " + sentinel.sentinels(),
                () -> DeploymentClients.sentinel(settings, sentinel),
                settings.timeout(),
                client -> {});
    }

    /**
     * A Redis Cluster, discovered from its seed nodes: Jedis' {@code RedisClusterClient}, {@code poolSize}
     * connections per node, MOVED and ASK followed, its own retry budget a quarter of the timeout (not its default
     * of timeout x attempts). A call failing as a failover does (CLUSTERDOWN, TRYAGAIN, a dropped connection) is sent
     * again with a short backoff until the timeout since it began has passed.
     *
     * @throws IllegalArgumentException when the settings name another deployment
     */
    static RedisConnection cluster(RedisStoreSettings settings) {
        if (!(settings.deployment() instanceof RedisDeployment.Cluster cluster)) {
            throw new IllegalArgumentException("not a Cluster deployment: " + settings.deployment());
        }
        return new FailoverRetryingConnection(
                "Redis Cluster via " + cluster.seeds(),
                () -> DeploymentClients.cluster(settings, cluster),
                settings.timeout(),
                client -> ((RedisClusterClient) client).refreshClusterTopology());
    }

    /**
     * A client built by the caller, e.g. for Sentinel or Cluster: its failures are translated as above; its
     * own configuration bounds its calls and its own retry policy applies (nothing is repeated here).
     * Closing the connection closes the client. Every call names its keys, all in the registry's slot, and
     * none uses MULTI or a keyless command, so a cluster client serves every method.
     */
    static RedisConnection of(UnifiedJedis client) {
        return new GivenClientConnection(client);
    }
}
