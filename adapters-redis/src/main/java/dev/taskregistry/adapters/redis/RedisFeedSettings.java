package dev.taskregistry.adapters.redis;

import java.time.Duration;

/**
 * How a {@link RedisTaskRepository} keeps and reads its change feed.
 *
 * @param retainedChanges how many changes the events stream keeps at least ({@code XADD ... MAXLEN ~}: a little
 *     more, as Redis trims whole stream nodes); older positions are answered with a gap. A sharded registry shares
 *     it out over its shards' streams ({@link #retainedPerShard})
 * @param readBlock how long one {@code XREAD BLOCK} of the process' stream reader waits: less than the socket
 *     timeout of its connection, so a quiet stream is never taken for an outage
 * @param bufferedChanges how many of the latest changes the reader holds for this process' subscribers (at most
 *     the retention); a subscriber further behind reads the stream itself
 */
public record RedisFeedSettings(int retainedChanges, Duration readBlock, int bufferedChanges) {

    public static final int DEFAULT_RETAINED_CHANGES = 10_000;
    public static final int DEFAULT_BUFFERED_CHANGES = 1024;
    public static final Duration DEFAULT_READ_BLOCK = Duration.ofSeconds(1);

    public RedisFeedSettings {
        if (retainedChanges < 1) {
            throw new IllegalArgumentException("'retainedChanges' must be at least 1, was " + retainedChanges);
        }
        if (readBlock == null || readBlock.toMillis() < 1 || readBlock.compareTo(RedisStoreSettings.MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("'readBlock' must be between 1 ms and 1 minute, was " + readBlock);
        }
        if (bufferedChanges < 1 || bufferedChanges > retainedChanges) {
            throw new IllegalArgumentException("'bufferedChanges' must be between 1 and the retention ("
                    + retainedChanges + "), was " + bufferedChanges);
        }
    }

    /** The defaults, the reader blocking for half of {@code timeout} (its connection's socket timeout). */
    public static RedisFeedSettings forTimeout(Duration timeout) {
        return new RedisFeedSettings(DEFAULT_RETAINED_CHANGES, half(timeout), DEFAULT_BUFFERED_CHANGES);
    }

    /** These settings keeping {@code retained} changes, and buffering no more than that. */
    public RedisFeedSettings retaining(int retained) {
        return new RedisFeedSettings(retained, readBlock, Math.min(bufferedChanges, retained));
    }

    /**
     * How many changes each shard's stream keeps when the registry has {@code shards} shards: the retention shared
     * out, rounded up, so that the registry keeps about the retention in all (changes spread evenly over the shards,
     * as their ids hash) rather than S times it, which cost 79 MB of streams at 12 shards (docs/BENCHMARKS.md).
     */
    int retainedPerShard(int shards) {
        return Math.ceilDiv(retainedChanges, shards);
    }

    private static Duration half(Duration timeout) {
        Duration half = timeout.dividedBy(2);
        return half.toMillis() < 1 ? Duration.ofMillis(1) : half;
    }
}
