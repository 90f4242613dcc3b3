package dev.taskregistry.adapters.redis;

import java.util.function.Function;
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
