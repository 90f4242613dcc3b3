package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskStoreUnavailable;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/** Translates Jedis failures into the registry's errors: an unreachable or overloaded Redis is {@link TaskStoreUnavailable}. */
final class StoreFailures {

    /**
     * Error replies that say the store cannot serve the registry (loading, busy, failing over, full, or
     * refusing its credentials) rather than that a request was wrong.
     */
    private static final List<String> UNAVAILABLE_REPLIES = List.of(
            "LOADING",
            "BUSY",
            "MASTERDOWN",
            "READONLY",
            "TRYAGAIN",
            "CLUSTERDOWN",
            "UNBLOCKED",
            "OOM",
            "NOREPLICAS",
            "NOAUTH",
            "WRONGPASS",
            "NOPERM");

    /**
     * Error replies of a deployment in a failover: no master for the slot yet, a slot in migration, a write sent
     * to a demoted master, a replica that lost its master, a promoted node still loading. Each says "not now,
     * and nothing was done", so the call can be sent again. Also UNBLOCKED: the master was made a replica while
     * the call's {@code WAIT} (wait-replicas) waited; the write before it may have been applied on that master,
     * and sending it again is safe, as for a dropped connection, since a write carries its own token.
     */
    private static final List<String> FAILOVER_REPLIES =
            List.of("CLUSTERDOWN", "TRYAGAIN", "READONLY", "MASTERDOWN", "LOADING", "UNBLOCKED");

    private StoreFailures() {}

    /** Runs {@code call}; a Jedis failure leaves it translated. */
    static <T> T translating(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (JedisException failure) {
            throw translate(operation, failure);
        }
    }

    static RuntimeException translate(String operation, JedisException failure) {
        // A MOVED or ASK still answered when the timeout is spent: the slot's master is still changing.
        if (failure instanceof JedisDataException && !isRedirect(failure) && !meansUnavailable(failure.getMessage())) {
            return new IllegalStateException("Redis rejected " + operation + ": " + failure.getMessage(), failure);
        }
        return new TaskStoreUnavailable(
                "task store (Redis) unavailable during " + operation + ": " + describe(failure), failure);
    }

    /**
     * True when the failure came at once from a connection that was already dead (Redis restarted, idle
     * socket closed), so a fresh connection may succeed. Timeouts are excluded: retrying them would
     * double the time a caller waits for an unresponsive store.
     */
    static boolean isStaleConnection(JedisException failure) {
        return failure instanceof JedisConnectionException && !isTimeout(failure);
    }

    /**
     * True when the failure is what a failover looks like from a client (a dropped or refused connection, or one
     * of {@link #FAILOVER_REPLIES}), anywhere in its causes, so the call may succeed when sent again shortly.
     * Timeouts are excluded: one already took the whole budget a call has.
     */
    static boolean isFailover(JedisException failure) {
        if (isTimeout(failure)) {
            return false;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JedisConnectionException
                    || (cause instanceof JedisDataException && startsWithAny(cause.getMessage(), FAILOVER_REPLIES))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * True when Redis Cluster answered MOVED or ASK to a pipelined call (Jedis follows them for single calls
     * itself): the slot has a new master, which a topology refresh finds.
     */
    static boolean isRedirect(JedisException failure) {
        return failure instanceof JedisRedirectionException;
    }

    private static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof NoSuchElementException) {
                return true;
            }
        }
        return false;
    }

    private static boolean meansUnavailable(String message) {
        return startsWithAny(message, UNAVAILABLE_REPLIES);
    }

    private static boolean startsWithAny(String message, List<String> prefixes) {
        return message != null && prefixes.stream().anyMatch(message::startsWith);
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getMessage();
        return root == failure
                ? message
                : message + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
