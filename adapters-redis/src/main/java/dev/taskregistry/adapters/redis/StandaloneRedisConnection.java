package dev.taskregistry.adapters.redis;

import java.util.function.Function;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The pooled Jedis client of one Redis server ({@link RedisConnection#standalone}): every call is bounded by
 * the configured timeout and every Jedis failure leaves as a registry error. Connects lazily, so it can be
 * created while Redis is down and recovers by itself once Redis answers again.
 */
final class StandaloneRedisConnection implements RedisConnection {

    private final RedisConnectionPool pool;
    private final RedisClient client;
    private final int poolSize;

    StandaloneRedisConnection(RedisStoreSettings settings) {
        this.poolSize = settings.poolSize();
        HostAndPort server = new HostAndPort(settings.uri().getHost(), settings.port());
        DefaultJedisClientConfig clientConfig = JedisSettings.dataNodes(settings);
        this.pool = new RedisConnectionPool(new ConnectionFactory(server, clientConfig), JedisSettings.pool(settings));
        this.client = RedisClient.builder()
                .hostAndPort(server)
                .clientConfig(clientConfig)
                .connectionProvider(pool.provider())
                .build();
    }

    @Override
    public <T> T call(String operation, Function<UnifiedJedis, T> work) {
        try {
            return work.apply(client);
        } catch (JedisException failure) {
            if (!StoreFailures.isStaleConnection(failure)) {
                throw StoreFailures.translate(operation, failure);
            }
        }
        // A dead pooled connection fails at once; its idle siblings are just as dead, so drop them all and
        // try once more on a fresh one. A write that reached Redis before the connection broke may run
        // twice; the scripts' NX and version checks then answer "exists" or "conflict" as for any retry.
        pool.clear();
        return StoreFailures.translating(operation, () -> work.apply(client));
    }

    /**
     * Opens every pooled connection now, so that a first burst of requests finds them ready instead of
     * queueing behind connection set-up for longer than the timeout allows.
     */
    @Override
    public void open(String operation) {
        try {
            pool.addObjects(poolSize - pool.getNumIdle());
        } catch (JedisException failure) {
            throw StoreFailures.translate(operation, failure);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
