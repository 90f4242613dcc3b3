package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.domain.TaskStoreUnavailable;
import dev.taskregistry.redis.testing.TestRedis;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisClusterException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisMovedDataException;

/**
 * Which failures a Sentinel or Cluster connection sends again, and for how long. The failures are the exceptions
 * Jedis raises for each reply or broken connection, raised here by the call itself on a real client, so that
 * every kind can be tried without a failover; the failover tests show the same through real deployments.
 */
class FailoverRetryingConnectionTest {

    private static final Duration BUDGET = Duration.ofSeconds(2);

    private final AtomicInteger refreshes = new AtomicInteger();
    private final FailoverRetryingConnection connection = new FailoverRetryingConnection(
            "test deployment",
            () -> RedisClient.create(URI.create(TestRedis.url())),
            BUDGET,
            client -> refreshes.incrementAndGet());

    @AfterEach
    void closeConnection() {
        connection.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "READONLY You can't write against a read only replica.",
                "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.",
                "LOADING Redis is loading the dataset in memory",
                "TRYAGAIN Multiple keys request during rehashing of slot"
            })
    void aFailoverReply_isSentAgain_untilItSucceeds(String reply) {
        AtomicInteger attempts = new AtomicInteger();

        String answer = connection.call("find", failingTimes(2, attempts, () -> new JedisDataException(reply)));

        assertThat(answer).isEqualTo("PONG");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void clusterDownAndADroppedConnection_areSentAgain() {
        AtomicInteger down = new AtomicInteger();
        AtomicInteger dropped = new AtomicInteger();

        assertThat(connection.call(
                        "find",
                        failingTimes(1, down, () -> new JedisClusterException("CLUSTERDOWN The cluster is down"))))
                .isEqualTo("PONG");
        assertThat(connection.call(
                        "find",
                        failingTimes(1, dropped, () -> new JedisConnectionException("Unexpected end of stream."))))
                .isEqualTo("PONG");
        assertThat(down).hasValue(2);
        assertThat(dropped).hasValue(2);
    }

    @Test
    void aRedirectInAPipeline_refreshesTheTopology_beforeTheCallIsSentAgain() {
        AtomicInteger attempts = new AtomicInteger();

        connection.call(
                "update",
                failingTimes(
                        1,
                        attempts,
                        () -> new JedisMovedDataException(
                                "MOVED 1 127.0.0.1:7001", new HostAndPort("127.0.0.1", 7001), 1)));

        assertThat(refreshes).hasValue(1);
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aCallStillRedirectedWhenTheBudgetIsSpent_isUnavailable_notARejection() {
        assertThatThrownBy(() -> connection.call("update", client -> {
                    throw new JedisMovedDataException(
                            "MOVED 1621 127.0.0.1:36733", new HostAndPort("127.0.0.1", 36733), 1621);
                }))
                .isInstanceOf(TaskStoreUnavailable.class)
                .hasMessageContaining("MOVED 1621");
        assertThat(refreshes.get()).isGreaterThan(1);
    }

    @Test
    void aRejection_isNotSentAgain_andFailsAsAnIllegalState() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> connection.call(
                        "update",
                        failingTimes(5, attempts, () -> new JedisDataException("WRONGTYPE Operation against a key"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("WRONGTYPE");
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aTimeout_isNotSentAgain_forItTookTheWholeBudget() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> connection.call(
                        "find",
                        failingTimes(
                                5,
                                attempts,
                                () -> new JedisConnectionException(new SocketTimeoutException("Read timed out")))))
                .isInstanceOf(TaskStoreUnavailable.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aFailoverThatOutlastsTheBudget_failsAsUnavailable_afterSeveralAttempts() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> connection.call(
                        "register",
                        failingTimes(
                                Integer.MAX_VALUE,
                                attempts,
                                () -> new JedisDataException("READONLY You can't write against a read only replica."))))
                .isInstanceOf(TaskStoreUnavailable.class)
                .hasMessageContaining("register")
                .hasMessageContaining("READONLY");
        // Backoff pauses double from 10 ms to at most 200 ms: a 2 s budget holds at least a handful of them.
        assertThat(attempts.get()).isGreaterThan(3);
    }

    @Test
    void aClientThatCannotBeBuiltYet_isBuiltOnALaterAttempt() {
        AtomicInteger builds = new AtomicInteger();
        Supplier<UnifiedJedis> deploymentComingUp = () -> {
            if (builds.incrementAndGet() < 3) {
                throw new JedisConnectionException("Could not initialize cluster slots cache.");
            }
            return RedisClient.create(URI.create(TestRedis.url()));
        };
        try (FailoverRetryingConnection lazy =
                new FailoverRetryingConnection("test deployment", deploymentComingUp, BUDGET, client -> {})) {
            assertThat(lazy.call("find", UnifiedJedis::ping)).isEqualTo("PONG");
            assertThat(lazy.call("find", UnifiedJedis::ping)).isEqualTo("PONG");
        }
        assertThat(builds).hasValue(3);
    }

    /** A call that fails {@code times} times with the given failure, then pings. */
    private static java.util.function.Function<UnifiedJedis, String> failingTimes(
            int times, AtomicInteger attempts, Supplier<JedisException> failure) {
        return client -> {
            if (attempts.incrementAndGet() <= times) {
                throw failure.get();
            }
            return client.ping();
        };
    }
}
