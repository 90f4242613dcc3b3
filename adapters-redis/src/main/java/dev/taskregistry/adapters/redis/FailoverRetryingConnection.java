package dev.taskregistry.adapters.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A Sentinel or Cluster client ({@link RedisConnection#sentinel}, {@link RedisConnection#cluster}) that rides
 * out a failover: a call that fails as a failover does (dropped connection, CLUSTERDOWN, TRYAGAIN, READONLY,
 * MASTERDOWN, LOADING) is sent again after a short, growing, jittered pause, until it succeeds or the timeout
 * since the call began has passed; then it fails as {@code TaskStoreUnavailable}. Sending a write again is safe
 * because the scripts answer a repeat of a write that was applied as they answered the write itself.
 *
 * <p>The client is built on first use, not at start: building one asks the deployment for its topology, and
 * the service starts while Redis is down and connects once it answers.
 */
final class FailoverRetryingConnection implements RedisConnection {

    private static final Logger LOG = Logger.getLogger(FailoverRetryingConnection.class.getName());
    static final Duration FIRST_PAUSE = Duration.ofMillis(10);
    static final Duration LONGEST_PAUSE = Duration.ofMillis(200);

    private final String deployment;
    private final Supplier<UnifiedJedis> build;
    private final Duration budget;
    private final Consumer<UnifiedJedis> afterRedirect;
    private volatile UnifiedJedis client;

    /**
     * @param deployment    names the deployment in errors
     * @param build         builds the Jedis client; may throw what Jedis throws when the deployment does not answer
     * @param budget        how long one call may take, its repeats included
     * @param afterRedirect what to do with the client before a call answered MOVED or ASK is sent again
     *                      (refresh the cluster's topology)
     */
    FailoverRetryingConnection(
            String deployment, Supplier<UnifiedJedis> build, Duration budget, Consumer<UnifiedJedis> afterRedirect) {
        this.deployment = Objects.requireNonNull(deployment, "deployment");
        this.build = Objects.requireNonNull(build, "build");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.afterRedirect = Objects.requireNonNull(afterRedirect, "afterRedirect");
    }

    @Override
    public <T> T call(String operation, Function<UnifiedJedis, T> work) {
        long deadline = System.nanoTime() + budget.toNanos();
        long pause = FIRST_PAUSE.toNanos();
        while (true) {
            try {
                return work.apply(client());
            } catch (JedisException failure) {
                long jittered = ThreadLocalRandom.current().nextLong(pause / 2, pause + 1);
                boolean redirected = StoreFailures.isRedirect(failure);
                if (!(redirected || StoreFailures.isFailover(failure)) || System.nanoTime() + jittered > deadline) {
                    throw StoreFailures.translate(operation, failure);
                }
                pauseFor(jittered, operation);
                if (redirected) {
                    refreshAfterRedirect(operation);
                }
                pause = Math.min(pause * 2, LONGEST_PAUSE.toNanos());
            }
        }
    }

    /** Builds the client now, so that the first requests do not wait for the topology. */
    @Override
    public void open(String operation) {
        StoreFailures.translating(operation, this::client);
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    @Override
    public String toString() {
        return deployment;
    }

    private UnifiedJedis client() {
        UnifiedJedis built = client;
        if (built != null) {
            return built;
        }
        synchronized (this) {
            if (client == null) {
                client = build.get();
            }
            return client;
        }
    }

    private void refreshAfterRedirect(String operation) {
        try {
            afterRedirect.accept(client());
        } catch (JedisException stillMoving) {
            // The next attempt meets the same redirect or failure and is judged by the same rules.
            LOG.log(Level.FINE, "topology refresh failed during " + operation, stillMoving);
        }
    }

    private void pauseFor(long nanos, String operation) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw StoreFailures.translate(
                    operation, new JedisConnectionException("interrupted while " + deployment + " fails over"));
        }
    }
}
