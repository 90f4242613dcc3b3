package dev.taskregistry.adapters.redis;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import redis.clients.jedis.resps.Tuple;

/**
 * A listing's walk down one shard's index: the entries read and not yet taken for the page, and where the next
 * read resumes. Reads are bounded by score and inclusive (ZRANGE BYSCORE), so a read repeats the entries that
 * share the resume position's score and were read already; they are dropped here.
 */
final class ShardWalk {

    private final RedisKeys keys;
    private final String index;
    private final long now;
    private final Deque<Tuple> unread = new ArrayDeque<>();
    private IndexPosition from;
    private int asked;
    private boolean atEnd;

    /** A walk of {@code index} of the shard with these keys, below {@code from}, of entries not expired at {@code now}. */
    ShardWalk(RedisKeys keys, String index, IndexPosition from, long now) {
        this.keys = keys;
        this.index = index;
        this.from = from;
        this.now = now;
    }

    RedisKeys keys() {
        return keys;
    }

    String index() {
        return index;
    }

    /** True while the index may hold more entries and fewer than {@code take} are read and untaken. */
    boolean needsMore(int take) {
        return !atEnd && unread.size() < take;
    }

    /**
     * The next read: enough entries for {@code take} plus the one the position itself may repeat, or twice the last
     * read when that one held only entries read already (many entries sharing one score).
     */
    ShardCalls.Range nextRange(int take) {
        asked = Math.max(take - unread.size() + 1, asked);
        return new ShardCalls.Range(index, from, asked, now);
    }

    /** What the read of {@link #nextRange} answered, in listing order. */
    void took(List<Tuple> entries) {
        List<Tuple> unseen = entries.stream().filter(from::precedes).toList();
        if (unseen.isEmpty() && entries.size() == asked) {
            asked *= 2;
            return;
        }
        unread.addAll(unseen);
        if (!unseen.isEmpty()) {
            from = IndexPosition.of(unseen.getLast());
        }
        atEnd = entries.size() < asked;
        asked = 0;
    }

    boolean hasUnread() {
        return !unread.isEmpty();
    }

    Tuple peek() {
        return unread.peekFirst();
    }

    Tuple poll() {
        return unread.pollFirst();
    }
}
