package dev.taskregistry.adapters.redis;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamInfo;

/**
 * Decides whether the events stream still holds every entry after an id (the gap rule). An id past the last one
 * the stream ever generated was never issued: a gap. Otherwise an id before the first retained entry is a gap
 * when entries were ever removed: on Redis 7 when {@code entries-added} exceeds the length (trimming does not
 * move {@code max-deleted-entry-id}, only XDEL does, so that field cannot tell); on Redis 6.2, which counts
 * nothing, as soon as the stream is as long as its retention (it may have been trimmed). The one false gap left
 * is an id that was itself the last entry trimmed; a false gap makes a reader re-read the state, a hidden one
 * would lose changes. A stream emptied of every entry (a shard migration trims the old layout's to nothing) holds
 * nothing after any id before its last generated one.
 */
final class StreamRetention {

    private static final String ENTRIES_ADDED = "entries-added";

    private final String stream;
    private final int retained;

    StreamRetention(String stream, int retained) {
        this.stream = stream;
        this.retained = retained;
    }

    /** True when entries after {@code id} may be gone, or {@code id} is past every entry the stream ever had. */
    boolean lostAfter(UnifiedJedis client, StreamEntryID id) {
        StreamInfo info;
        try {
            info = client.xinfoStream(stream);
        } catch (JedisDataException noSuchKey) {
            // No stream: nothing was ever appended (or it was deleted), so only the empty head is a position.
            return !FeedPositions.BEFORE_ALL.equals(id);
        }
        return lostAfter(id, info);
    }

    /** The rule itself, on what {@code XINFO STREAM} answered. */
    boolean lostAfter(StreamEntryID id, StreamInfo info) {
        if (id.compareTo(info.getLastGeneratedId()) > 0) {
            return true;
        }
        StreamEntry first = info.getFirstEntry();
        // An empty stream that had entries (a shard migration empties the old layout's) still holds every entry
        // after its last generated id only.
        StreamEntryID oldestHeld = first == null ? info.getLastGeneratedId() : first.getID();
        if (id.compareTo(oldestHeld) >= 0) {
            return false;
        }
        Map<String, Object> fields = info.getStreamInfo();
        return fields.containsKey(ENTRIES_ADDED)
                ? count(fields.get(ENTRIES_ADDED)) > info.getLength()
                : info.getLength() >= retained;
    }

    private static long count(Object reply) {
        return switch (reply) {
            case Long count -> count;
            case byte[] bytes -> Long.parseLong(new String(bytes, StandardCharsets.US_ASCII));
            default -> Long.parseLong(reply.toString());
        };
    }
}
