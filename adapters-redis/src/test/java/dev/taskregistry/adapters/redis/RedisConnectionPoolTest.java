package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.PooledObjectFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.util.Pool;

/**
 * Why an outage answers in one timeout, not two: a connection that broke is dropped without its caller
 * opening a replacement (which, on a frozen Redis, waits a second timeout for the handshake).
 */
class RedisConnectionPoolTest {

    private static final int TIMEOUT_MILLIS = 1000;

    @RegisterExtension
    static final OwnRedisServer redis = new OwnRedisServer();

    private final CountingConnections connections = new CountingConnections(new ConnectionFactory(
            new HostAndPort("127.0.0.1", redis.server().port()),
            DefaultJedisClientConfig.builder()
                    .connectionTimeoutMillis(TIMEOUT_MILLIS)
                    .socketTimeoutMillis(TIMEOUT_MILLIS)
                    .build()));
    private Pool<Connection> pool;

    @AfterEach
    void closePoolAndResumeRedis() {
        if (redis.server().isRunning()) {
            redis.server().resume();
        } else {
            redis.server().startAgain();
        }
        pool.close();
    }

    @Test
    void aConnectionThatTimedOutOnAFrozenRedis_isDropped_withoutItsCallerOpeningAnother() {
        pool = new RedisConnectionPool(connections, config(2));
        pool.addObjects(2);
        redis.server().pause();
        Connection timedOut = pool.getResource();
        assertThatThrownBy(() -> new Jedis(timedOut).ping()).isInstanceOf(JedisConnectionException.class);
        int openedBefore = connections.attempts().size();

        timedOut.close();

        assertThat(connections.attempts())
                .as("connections opened while dropping the broken one")
                .hasSize(openedBefore);
        assertThat(pool.getDestroyedCount()).isEqualTo(1);
        assertThat(pool.getNumIdle()).isEqualTo(1);
    }

    /** The behaviour the adapter's pool exists to avoid; when commons-pool stops doing this, the pool may go. */
    @Test
    void jedisOwnPool_opensTheReplacementOnTheCallersThread_waitingASecondTimeoutOnAFrozenRedis() {
        pool = new ConnectionPool(connections, config(2));
        pool.addObjects(2);
        redis.server().pause();
        Connection timedOut = pool.getResource();
        assertThatThrownBy(() -> new Jedis(timedOut).ping()).isInstanceOf(JedisConnectionException.class);
        int openedBefore = connections.attempts().size();

        assertThatThrownBy(timedOut::close).isInstanceOf(Exception.class);

        assertThat(connections.attempts()).hasSize(openedBefore + 1);
        assertThat(connections.attempts().getLast()).isEqualTo(Thread.currentThread());
    }

    @Test
    void aCallerWaitingForAConnection_getsTheReplacementOfABrokenOne_openedOnAnotherThread() throws Exception {
        pool = new RedisConnectionPool(connections, config(1));
        Connection holder = pool.getResource();
        redis.server().stop();
        assertThatThrownBy(() -> new Jedis(holder).ping()).isInstanceOf(JedisConnectionException.class);
        redis.server().startAgain();
        CompletableFuture<String> waiter = CompletableFuture.supplyAsync(() -> {
            try (Connection connection = pool.getResource()) {
                return new Jedis(connection).ping();
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pool.getNumWaiters() == 1);

        holder.close();

        assertThat(waiter.get(60, TimeUnit.SECONDS)).isEqualTo("PONG");
        assertThat(connections.attempts().getLast()).isNotEqualTo(Thread.currentThread());
        assertThat(connections.attempts().getLast().isVirtual()).isTrue();
    }

    private static ConnectionPoolConfig config(int size) {
        ConnectionPoolConfig config = new ConnectionPoolConfig();
        config.setMaxTotal(size);
        config.setMaxIdle(size);
        config.setMinIdle(0);
        config.setMaxWait(Duration.ofMillis(2 * TIMEOUT_MILLIS));
        return config;
    }

    /** Jedis' factory, recording the thread of every attempt to open a connection. */
    private record CountingConnections(ConnectionFactory factory, List<Thread> attempts)
            implements PooledObjectFactory<Connection> {

        CountingConnections(ConnectionFactory factory) {
            this(factory, new CopyOnWriteArrayList<>());
        }

        @Override
        public PooledObject<Connection> makeObject() throws Exception {
            attempts.add(Thread.currentThread());
            return factory.makeObject();
        }

        @Override
        public void destroyObject(PooledObject<Connection> connection) throws Exception {
            factory.destroyObject(connection);
        }

        @Override
        public boolean validateObject(PooledObject<Connection> connection) {
            return factory.validateObject(connection);
        }

        @Override
        public void activateObject(PooledObject<Connection> connection) throws Exception {
            factory.activateObject(connection);
        }

        @Override
        public void passivateObject(PooledObject<Connection> connection) throws Exception {
            factory.passivateObject(connection);
        }
    }
}
