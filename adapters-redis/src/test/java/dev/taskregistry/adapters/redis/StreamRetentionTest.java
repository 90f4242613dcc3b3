package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamInfo;

/**
 * The gap rule on what {@code XINFO STREAM} answers: exact where Redis 7 counts the entries ever added, on the
 * safe side on Redis 6.2, which does not (the shared test Redis is 7, so 6.2's answer is built here).
 */
class StreamRetentionTest {

    private static final int RETAINED = 200;
    private static final StreamEntryID FIRST = new StreamEntryID(1000, 0);
    private static final StreamEntryID LAST = new StreamEntryID(2000, 0);
    private static final StreamEntryID BEFORE_FIRST = new StreamEntryID(999, 5);

    private final StreamRetention retention = new StreamRetention("{p}:events", RETAINED);

    @Test
    void onRedis7_aPositionBeforeTheFirstEntry_isAGap_onlyWhenEntriesWereRemoved() {
        assertThat(retention.lostAfter(BEFORE_FIRST, redis7(RETAINED, RETAINED + 100)))
                .isTrue();
        assertThat(retention.lostAfter(BEFORE_FIRST, redis7(RETAINED, RETAINED)))
                .isFalse();
        assertThat(retention.lostAfter(FeedPositions.BEFORE_ALL, redis7(50, 50)))
                .isFalse();
    }

    @Test
    void onRedis62_aPositionBeforeTheFirstEntry_isAGap_onceTheStreamHasReachedItsRetention() {
        assertThat(retention.lostAfter(BEFORE_FIRST, redis62(RETAINED))).isTrue();
        assertThat(retention.lostAfter(BEFORE_FIRST, redis62(RETAINED - 1))).isFalse();
    }

    @Test
    void onEither_aRetainedPositionIsNoGap_andOnePastTheLastGeneratedIdIs() {
        for (StreamInfo info : new StreamInfo[] {redis7(RETAINED, 5 * RETAINED), redis62(RETAINED)}) {
            assertThat(retention.lostAfter(FIRST, info)).isFalse();
            assertThat(retention.lostAfter(LAST, info)).isFalse();
            assertThat(retention.lostAfter(new StreamEntryID(2000, 1), info)).isTrue();
        }
    }

    @Test
    void onRedis7_anEmptiedStream_answersEveryPositionBeforeItsLastGeneratedIdWithAGap() {
        Map<String, Object> fields = redis62Fields(0);
        fields.put("entries-added", (long) RETAINED);
        fields.put("max-deleted-entry-id", new StreamEntryID(0, 0));
        fields.remove(StreamInfo.FIRST_ENTRY);
        fields.remove(StreamInfo.LAST_ENTRY);
        StreamInfo info = new StreamInfo(fields);

        assertThat(retention.lostAfter(FIRST, info)).isTrue();
        assertThat(retention.lostAfter(LAST, info)).isFalse();
        assertThat(retention.lostAfter(new StreamEntryID(2000, 1), info)).isTrue();
    }

    private static StreamInfo redis7(long length, long entriesAdded) {
        Map<String, Object> fields = redis62Fields(length);
        fields.put("entries-added", entriesAdded);
        fields.put("max-deleted-entry-id", new StreamEntryID(0, 0));
        return new StreamInfo(fields);
    }

    private static StreamInfo redis62(long length) {
        return new StreamInfo(redis62Fields(length));
    }

    private static Map<String, Object> redis62Fields(long length) {
        Map<String, Object> fields = new HashMap<>();
        fields.put(StreamInfo.LENGTH, length);
        fields.put(StreamInfo.RADIX_TREE_KEYS, 1L);
        fields.put(StreamInfo.RADIX_TREE_NODES, 2L);
        fields.put(StreamInfo.GROUPS, 0L);
        fields.put(StreamInfo.LAST_GENERATED_ID, LAST);
        fields.put(StreamInfo.FIRST_ENTRY, new StreamEntry(FIRST, Map.of("kind", "registered")));
        fields.put(StreamInfo.LAST_ENTRY, new StreamEntry(LAST, Map.of("kind", "registered")));
        return fields;
    }
}
