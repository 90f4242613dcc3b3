package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskStoreUnavailable;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

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
            "OOM",
            "NOREPLICAS",
            "NOAUTH",
            "WRONGPASS",
            "NOPERM");

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
        if (failure instanceof JedisDataException && !meansUnavailable(failure.getMessage())) {
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

    private static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof NoSuchElementException) {
                return true;
            }
        }
        return false;
    }

    private static boolean meansUnavailable(String message) {
        return message != null && UNAVAILABLE_REPLIES.stream().anyMatch(message::startsWith);
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
