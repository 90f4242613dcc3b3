package dev.taskregistry.adapters.redis;

import java.net.URI;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.util.JedisURIHelper;

/** The Jedis client and pool configuration that {@link RedisStoreSettings} mean, the same on every deployment. */
final class JedisSettings {

    private JedisSettings() {}

    /** For the data nodes: timeouts, credentials, database and TLS from the settings. */
    static DefaultJedisClientConfig dataNodes(RedisStoreSettings settings) {
        URI uri = settings.uri();
        DefaultJedisClientConfig.Builder config = common(settings)
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(settings.database());
        if (JedisURIHelper.isRedisSSLScheme(uri)) {
            // The JVM's trust store, with host name verification.
            config.sslOptions(SslOptions.defaults());
        }
        return config.build();
    }

    /**
     * For the sentinels: timeouts and TLS as for the data nodes, no credentials or database (sentinels have none
     * of the data nodes' users and no databases), and the server's default protocol without a HELLO: Jedis talks
     * to sentinels through its legacy {@code Jedis} class, which logs a warning for every connection that asks
     * to negotiate one.
     */
    static DefaultJedisClientConfig sentinels(RedisStoreSettings settings) {
        DefaultJedisClientConfig.Builder config = common(settings).serverDefaultProtocol();
        if (JedisURIHelper.isRedisSSLScheme(settings.uri())) {
            config.sslOptions(SslOptions.defaults());
        }
        return config.build();
    }

    /**
     * At most {@code poolSize} connections, opened on demand; a caller waits for one at most the timeout, first
     * come first served, so a request waiting under a burst is not overtaken by later ones until it times out.
     */
    static ConnectionPoolConfig pool(RedisStoreSettings settings) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(settings.poolSize());
        pool.setMaxIdle(settings.poolSize());
        pool.setMinIdle(0);
        pool.setBlockWhenExhausted(true);
        pool.setFairness(true);
        pool.setMaxWait(settings.timeout());
        return pool;
    }

    private static DefaultJedisClientConfig.Builder common(RedisStoreSettings settings) {
        return DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(settings.timeoutMillis())
                .socketTimeoutMillis(settings.timeoutMillis())
                // Jedis waits forever on a blocking command (the change feed's XREAD BLOCK, half the timeout)
                // unless told otherwise: a paused or unreachable Redis would then never be noticed.
                .blockingSocketTimeoutMillis(2 * settings.timeoutMillis())
                // CLIENT SETINFO costs a round trip per new connection and Redis before 7.2 rejects it anyway.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
    }
}
