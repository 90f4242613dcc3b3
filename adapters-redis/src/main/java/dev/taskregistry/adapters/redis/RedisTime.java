package dev.taskregistry.adapters.redis;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/** Reads Redis' own clock, the one its key expiry follows, so pruning agrees with expiry on every worker. */
final class RedisTime {

    private static final long MILLIS_PER_SECOND = 1000;
    private static final long MICROS_PER_MILLI = 1000;
    /** PTTL's answer for a key that does not exist. */
    private static final long KEY_MISSING = -2;

    private RedisTime() {}

    /** Redis' current time in epoch millis: one {@code TIME} round trip. */
    static long nowMillis(UnifiedJedis client) {
        try (AbstractPipeline pipeline = client.pipelined()) {
            Response<List<String>> time = time(pipeline);
            pipeline.sync();
            return millis(time.get());
        }
    }

    /**
     * When the key expires by Redis' clock: how a document of the original service, which has no
     * expires_at, learns it. Empty when the key is gone; a key without expiry is a storage fault.
     */
    static Optional<Instant> expiryOf(UnifiedJedis client, String key) {
        try (AbstractPipeline pipeline = client.pipelined()) {
            Response<List<String>> time = time(pipeline);
            Response<Long> remaining = pipeline.pttl(key);
            pipeline.sync();
            if (remaining.get() == KEY_MISSING) {
                return Optional.empty();
            }
            if (remaining.get() < 0) {
                throw new IllegalStateException("task key " + key + " has no expiry; the registry keeps tasks"
                        + " only for a limited time (set one with PEXPIRE)");
            }
            return Optional.of(Instant.ofEpochMilli(millis(time.get()) + remaining.get()));
        }
    }

    /**
     * Queues {@code TIME}, which only the standalone {@code Pipeline} offers as a method: the same command
     * on any pipeline a {@link UnifiedJedis} gives.
     */
    static Response<List<String>> time(AbstractPipeline pipeline) {
        return pipeline.executeCommand(
                new CommandObject<>(new CommandArguments(Protocol.Command.TIME), BuilderFactory.STRING_LIST));
    }

    /** Epoch millis of a {@code TIME} reply: seconds and microseconds. */
    static long millis(List<String> timeReply) {
        return Long.parseLong(timeReply.get(0)) * MILLIS_PER_SECOND
                + Long.parseLong(timeReply.get(1)) / MICROS_PER_MILLI;
    }
}
