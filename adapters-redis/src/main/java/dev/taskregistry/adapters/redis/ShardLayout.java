package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.CRC32;

/**
 * How one registry is spread over shards (DESIGN.md §9): with one shard, today's keys {@code {prefix}:...}; with
 * S shards, shard k holds the full key set under {@code {prefix:k}:...}, and a task lives in shard
 * {@code crc32(utf8(id)) mod S} (CRC-32 as in zip and {@code java.util.zip.CRC32}, taken as an unsigned number), so
 * any tool can find a task's key from its id. Each shard is one hash tag, so one Redis Cluster slot: every change
 * stays one single-slot script, and an id, being in exactly one shard, is unique across the registry.
 *
 * @param prefix the registry's key prefix ({@code taskregistry.redis.key-prefix})
 * @param count  the number of shards ({@code taskregistry.redis.shards}), 1 to {@link #MAX_SHARDS}
 */
record ShardLayout(String prefix, int count) {

    /** The configuration key of the shard count, as errors name it. */
    static final String SHARDS_KEY = "taskregistry.redis.shards";

    /** More shards than a cluster has masters to spread them over cost listing and stats time for nothing. */
    static final int MAX_SHARDS = 1024;

    ShardLayout {
        RedisKeys.requireValidPrefix(prefix, "keyPrefix");
        requireValidCount(count);
    }

    /** The layout of an unsharded registry: today's key names. */
    static ShardLayout unsharded(String prefix) {
        return new ShardLayout(prefix, 1);
    }

    static void requireValidCount(int count) {
        if (count < 1 || count > MAX_SHARDS) {
            throw new IllegalArgumentException(
                    "'" + SHARDS_KEY + "' must be between 1 and " + MAX_SHARDS + ", was " + count);
        }
    }

    boolean sharded() {
        return count > 1;
    }

    /** The shard that holds the task with this id. */
    int shardOf(TaskId id) {
        if (count == 1) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(id.value().getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % count);
    }

    /** The keys of the shard that holds the task with this id. */
    RedisKeys keysOf(TaskId id) {
        return shard(shardOf(id));
    }

    /** The keys of shard {@code k}, 0 to {@code count - 1}. */
    RedisKeys shard(int k) {
        if (k < 0 || k >= count) {
            throw new IllegalArgumentException("shard " + k + " is outside 0.." + (count - 1));
        }
        return count == 1 ? new RedisKeys(prefix) : RedisKeys.ofShard(prefix, k);
    }

    /** Every shard's keys, in shard order. */
    List<RedisKeys> shards() {
        return IntStream.range(0, count).mapToObj(this::shard).toList();
    }

    /**
     * The key that records the registry's shard count, {@code {prefix}:shards}: written by the first worker that
     * starts on an empty registry, checked by every later one, changed only by a migration.
     */
    String shardCountKey() {
        return "{" + prefix + "}:shards";
    }
}
