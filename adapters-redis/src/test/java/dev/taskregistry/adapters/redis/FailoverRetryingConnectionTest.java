package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.domain.TaskStoreUnavailable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisMovedDataException;

/**
 * How a Sentinel or Cluster connection judges a call's failures: one that fails as a failover does is sent again
 * within the timeout, and one still failing so when the timeout is spent is unavailable (503), never a rejected
 * request (500). The calls here fail as the deployment would answer them; the client is never used (building it
 * does not connect).
 */
class FailoverRetryingConnectionTest {

    private final FailoverRetryingConnection connection = new FailoverRetryingConnection(
            "a deployment in a failover",
            () -> RedisClient.builder()
                    .hostAndPort(new HostAndPort("127.0.0.1", 1))
                    .build(),
            Duration.ofSeconds(1),
            client -> {});

    @BeforeEach
    void buildTheClientFirst() {
        // Building the first client of a JVM can take a good part of the budget of these calls.
        connection.open("set-up");
    }

    @AfterEach
    void close() {
        connection.close();
    }

    @Test
    void aCallAnsweredReadOnly_isSentAgain_untilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();

        String answer = connection.call("update", client -> {
            if (attempts.incrementAndGet() < 3) {
                throw new JedisDataException("READONLY You can't write against a read only replica.");
            }
            return "stored";
        });

        assertThat(answer).isEqualTo("stored");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aCallStillRedirectedWhenTheTimeoutIsSpent_isUnavailable() {
        assertThatThrownBy(() -> connection.call("update", client -> {
                    throw new JedisMovedDataException(
                            "MOVED 1621 127.0.0.1:36733", new HostAndPort("127.0.0.1", 36733), 1621);
                }))
                .isInstanceOf(TaskStoreUnavailable.class)
                .hasMessageContaining("MOVED 1621");
    }

    @Test
    void aCallRejectedForAnotherReason_isNotSentAgain() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> connection.call("update", client -> {
                    attempts.incrementAndGet();
                    throw new JedisDataException("WRONGTYPE Operation against a key holding the wrong kind of value");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasValue(1);
    }
}
