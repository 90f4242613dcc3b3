package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.FeedGap;
import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.FeedReplay;
import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskChangeFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Reads the S events streams of a sharded registry on request: the head (every shard's), and replays that merge
 * the shards' changes in {@link MergeKey} order. A merge takes only changes below a fence, Redis' clock read before
 * the shards are ({@code feed-clock.lua}): every shard is then read after each change below the fence was stored,
 * so a later read can add no change that sorts before one already told (on one server; on Redis Cluster, as far
 * as the masters' clocks agree).
 */
final class ShardedChangeStreams {

    private final RedisConnection connection;
    private final List<String> keys;
    private final List<ChangeStream> streams;
    private final List<FeedPositions> shardPositions;
    private final ShardedFeedPositions positions;

    ShardedChangeStreams(
            RedisConnection connection,
            List<String> keys,
            List<ChangeStream> streams,
            List<FeedPositions> shardPositions,
            ShardedFeedPositions positions) {
        this.connection = connection;
        this.keys = List.copyOf(keys);
        this.streams = List.copyOf(streams);
        this.shardPositions = List.copyOf(shardPositions);
        this.positions = positions;
    }

    FeedPosition head() {
        return positions.of(connection.call("feed head", this::heads));
    }

    /** Every shard's last entry id (or {@code 0-0}), in one round trip per node. */
    ShardCursors heads(UnifiedJedis client) {
        List<Response<List<StreamEntry>>> replies = new ArrayList<>(keys.size());
        try (AbstractPipeline pipeline = Pipelines.open(client)) {
            for (String key : keys) {
                replies.add(pipeline.xrevrange(key, "+", "-", 1));
            }
            pipeline.sync();
        }
        List<StreamEntryID> heads = new ArrayList<>(keys.size());
        for (Response<List<StreamEntry>> reply : replies) {
            List<StreamEntry> last = LuaScripts.reply(reply);
            heads.add(
                    last.isEmpty() ? FeedPositions.BEFORE_ALL : last.getFirst().getID());
        }
        return new ShardCursors(heads);
    }

    /** Redis' clock now, as a stream id: every change stored before this call has a smaller id. */
    StreamEntryID fence(UnifiedJedis client) {
        List<?> time =
                (List<?>) LuaScripts.run(client, LuaScripts.Script.FEED_CLOCK, List.of(keys.getFirst()), List.of());
        long seconds = (Long) time.get(0);
        long micros = (Long) time.get(1);
        return new StreamEntryID(seconds * 1000 + micros / 1000, micros % 1000);
    }

    /** Each shard's entries after its cursor, at most {@code count} per shard, in one round trip per node. */
    List<List<StreamEntry>> after(UnifiedJedis client, ShardCursors cursors, int count) {
        List<Response<List<StreamEntry>>> replies = new ArrayList<>(keys.size());
        try (AbstractPipeline pipeline = Pipelines.open(client)) {
            for (int k = 0; k < keys.size(); k++) {
                replies.add(pipeline.xrange(keys.get(k), "(" + cursors.get(k), "+", count));
            }
            pipeline.sync();
        }
        return replies.stream().map(LuaScripts::reply).toList();
    }

    /**
     * The matching changes after {@code after}, merged, at most {@code limit}; a gap when any shard may have lost
     * some, resuming with that shard at its head and the others where they were.
     */
    FeedReplay replay(FeedPosition after, TaskChangeFilter filter, int limit) {
        Optional<ShardCursors> start = positions.cursorsOf(after);
        if (start.isEmpty()) {
            return new FeedGap(head());
        }
        StreamEntryID fence = connection.call("feed replay", this::fence);
        ShardCursors gap = null;
        TreeMap<MergeKey, TaskChange> read = new TreeMap<>();
        List<StreamEntryID> readUpTo = new ArrayList<>(streams.size());
        int[] matching = new int[streams.size()];
        for (int k = 0; k < streams.size(); k++) {
            FeedPositions local = shardPositions.get(k);
            switch (streams.get(k).replay(local.of(start.get().get(k)), filter, limit)) {
                case FeedGap lost -> {
                    gap = (gap == null ? start.get() : gap).with(k, idOf(local, lost.resumeAfter()));
                    readUpTo.add(null);
                }
                case FeedReplay.Changes changes -> {
                    for (TaskChange change : changes.changes()) {
                        read.put(new MergeKey(idOf(local, change.position()), k), change);
                    }
                    matching[k] = changes.changes().size();
                    readUpTo.add(idOf(local, changes.resumeAfter()));
                }
            }
        }
        if (gap != null) {
            return new FeedGap(positions.of(gap));
        }
        return merged(start.get(), read, fence, limit, matching, readUpTo);
    }

    /**
     * The first {@code limit} changes below the fence, each at the position after it; resuming after the last
     * read entry of a shard whose every match was taken, else after its last change taken.
     */
    private FeedReplay.Changes merged(
            ShardCursors start,
            TreeMap<MergeKey, TaskChange> read,
            StreamEntryID fence,
            int limit,
            int[] matching,
            List<StreamEntryID> readUpTo) {
        List<TaskChange> taken = new ArrayList<>();
        int[] takenOf = new int[matching.length];
        ShardCursors cursors = start;
        for (var entry : read.entrySet()) {
            MergeKey key = entry.getKey();
            if (taken.size() == limit || key.id().compareTo(fence) >= 0) {
                break;
            }
            cursors = cursors.with(key.shard(), key.id());
            taken.add(entry.getValue().withPosition(positions.of(cursors)));
            takenOf[key.shard()]++;
        }
        for (int k = 0; k < matching.length; k++) {
            if (takenOf[k] == matching[k]) {
                cursors = cursors.with(k, readUpTo.get(k));
            }
        }
        return new FeedReplay.Changes(taken, positions.of(cursors));
    }

    private static StreamEntryID idOf(FeedPositions local, FeedPosition position) {
        return local.idOf(position)
                .orElseThrow(() -> new IllegalStateException("not a position of this shard: " + position));
    }
}
