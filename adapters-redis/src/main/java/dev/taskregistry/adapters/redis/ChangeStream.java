package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.FeedGap;
import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.FeedReplay;
import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskChangeFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.StreamEntry;

/** Reads the events stream on request: its head ({@code XREVRANGE ... COUNT 1}) and replays ({@code XRANGE}). */
final class ChangeStream {

    /** Entries per XRANGE: a filter that matches few changes walks the retention in this many round trips. */
    private static final int READ_BATCH = 1000;

    private final RedisConnection connection;
    private final String key;
    private final FeedPositions positions;
    private final ChangeEventDecoder decoder;
    private final StreamRetention retention;

    ChangeStream(
            RedisConnection connection,
            String key,
            FeedPositions positions,
            ChangeEventDecoder decoder,
            StreamRetention retention) {
        this.connection = connection;
        this.key = key;
        this.positions = positions;
        this.decoder = decoder;
        this.retention = retention;
    }

    FeedPosition head() {
        return positions.of(connection.call("feed head", this::headId));
    }

    StreamEntryID headId(UnifiedJedis client) {
        List<StreamEntry> last = client.xrevrange(key, "+", "-", 1);
        return last.isEmpty() ? FeedPositions.BEFORE_ALL : last.getFirst().getID();
    }

    /** The matching changes after {@code after}, at most {@code limit}; a gap when some may be gone. */
    FeedReplay replay(FeedPosition after, TaskChangeFilter filter, int limit) {
        Optional<StreamEntryID> start = positions.idOf(after);
        return connection.call(
                "feed replay",
                client -> start.isEmpty() ? gap(client) : replay(client, start.get(), after, filter, limit));
    }

    private FeedReplay replay(
            UnifiedJedis client, StreamEntryID start, FeedPosition after, TaskChangeFilter filter, int limit) {
        List<TaskChange> matching = new ArrayList<>();
        FeedPosition resumeAfter = after;
        StreamEntryID cursor = start;
        boolean first = true;
        while (matching.size() < limit) {
            List<StreamEntry> entries = client.xrange(key, "(" + cursor, "+", READ_BATCH);
            // Checked after the read: trimming only moves forward, so no loss now means none in what was read.
            if (first && retention.lostAfter(client, start)) {
                return gap(client);
            }
            first = false;
            for (StreamEntry entry : entries) {
                TaskChange change = decoder.decode(entry);
                cursor = entry.getID();
                resumeAfter = change.position();
                if (filter.matches(change)) {
                    matching.add(change);
                    if (matching.size() == limit) {
                        break;
                    }
                }
            }
            if (entries.size() < READ_BATCH) {
                break;
            }
        }
        return new FeedReplay.Changes(matching, resumeAfter);
    }

    private FeedGap gap(UnifiedJedis client) {
        return new FeedGap(positions.of(headId(client)));
    }
}
