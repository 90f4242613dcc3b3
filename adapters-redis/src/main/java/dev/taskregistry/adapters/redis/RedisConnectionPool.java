package dev.taskregistry.adapters.redis;

import java.util.Collections;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.commons.pool2.PooledObjectFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.providers.ConnectionProvider;

/**
 * Jedis' connection pool, except that a broken connection is dropped without its caller opening the
 * replacement. commons-pool 2.13 replaces every invalidated object at once, on the invalidating thread
 * (POOL-424): after a read timed out on a frozen Redis, the caller then waited a second full timeout for
 * the new connection's handshake, so an outage answered in twice the timeout. Here a replacement is
 * opened on a virtual thread, and only when a caller is waiting for a connection (what POOL-424 is for):
 * the failing call returns after its one timeout.
 */
final class RedisConnectionPool extends ConnectionPool {

    private static final Logger LOG = Logger.getLogger(RedisConnectionPool.class.getName());

    /** True on a thread while it hands back a broken connection: commons-pool then calls {@link #addObject}. */
    private final ThreadLocal<Boolean> droppingBroken = ThreadLocal.withInitial(() -> false);

    /** {@code connections} opens them (Jedis' {@code ConnectionFactory}); {@code poolConfig} bounds them. */
    RedisConnectionPool(PooledObjectFactory<Connection> connections, ConnectionPoolConfig poolConfig) {
        super(connections, poolConfig);
    }

    @Override
    public void returnBrokenResource(Connection connection) {
        droppingBroken.set(true);
        try {
            super.returnBrokenResource(connection);
        } finally {
            droppingBroken.remove();
        }
    }

    @Override
    public void addObject() throws Exception {
        if (!droppingBroken.get()) {
            super.addObject();
        } else if (getNumWaiters() > 0) {
            Thread.ofVirtual().name("redis-pool-replacement").start(this::addReplacement);
        }
    }

    private void addReplacement() {
        try {
            super.addObject();
        } catch (Exception stillUnreachable) {
            // The waiting caller times out and reports the outage; nothing is lost by not having a connection.
            LOG.log(Level.FINE, "no replacement Redis connection yet", stillUnreachable);
        }
    }

    /** Hands this pool to a Jedis client, as Jedis' own pooled provider does with its pool. */
    ConnectionProvider provider() {
        return new ConnectionProvider() {
            @Override
            public Connection getConnection() {
                return getResource();
            }

            @Override
            public Connection getConnection(CommandArguments args) {
                return getResource();
            }

            @Override
            public Map<?, ?> getConnectionMap() {
                return Collections.singletonMap(RedisConnectionPool.this, RedisConnectionPool.this);
            }

            @Override
            public Map<?, ?> getPrimaryNodesConnectionMap() {
                return getConnectionMap();
            }

            @Override
            public void close() {
                RedisConnectionPool.this.close();
            }
        };
    }
}
