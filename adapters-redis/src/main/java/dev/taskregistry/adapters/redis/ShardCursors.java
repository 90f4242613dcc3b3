package dev.taskregistry.adapters.redis;

import java.util.Arrays;
import java.util.List;
import redis.clients.jedis.StreamEntryID;

/**
 * Where a reader of a sharded registry's feed stands in each shard's stream: every entry of shard k up to
 * {@code get(k)} is behind it, every later one ahead. Immutable.
 */
final class ShardCursors {

    private final StreamEntryID[] ids;

    ShardCursors(List<StreamEntryID> ids) {
        this.ids = ids.toArray(StreamEntryID[]::new);
    }

    private ShardCursors(StreamEntryID[] ids) {
        this.ids = ids;
    }

    int shards() {
        return ids.length;
    }

    StreamEntryID get(int shard) {
        return ids[shard];
    }

    /** These cursors with shard {@code shard} at {@code id}. */
    ShardCursors with(int shard, StreamEntryID id) {
        StreamEntryID[] moved = ids.clone();
        moved[shard] = id;
        return new ShardCursors(moved);
    }

    /** True when this reader stands behind {@code id} in shard {@code shard}: that entry is still ahead of it. */
    boolean before(int shard, StreamEntryID id) {
        return ids[shard].compareTo(id) < 0;
    }

    List<StreamEntryID> ids() {
        return List.of(ids);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShardCursors cursors && Arrays.equals(cursors.ids, ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return Arrays.toString(ids);
    }
}
