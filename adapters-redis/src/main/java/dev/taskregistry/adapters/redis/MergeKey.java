package dev.taskregistry.adapters.redis;

import java.util.Comparator;
import redis.clients.jedis.StreamEntryID;

/**
 * The order in which a sharded registry's feed tells its shards' changes: by stream id, which its scripts take
 * from Redis' clock ({@link EventIds}), and between equal ids by shard number.
 */
record MergeKey(StreamEntryID id, int shard) implements Comparable<MergeKey> {

    private static final Comparator<MergeKey> ORDER =
            Comparator.comparing(MergeKey::id).thenComparingInt(MergeKey::shard);

    @Override
    public int compareTo(MergeKey other) {
        return ORDER.compare(this, other);
    }
}
