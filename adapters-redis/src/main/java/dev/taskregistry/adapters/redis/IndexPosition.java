package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.PageCursor;
import redis.clients.jedis.resps.Tuple;

/**
 * Where a walk down an index stands: entries with a lower score, or the same score and a lower id, come
 * next. Redis orders equal scores by member bytes, which is {@code TaskId} order for ASCII ids.
 *
 * @param maxScore the score bound of the next ZRANGE, inclusive ({@code +inf} at the top)
 */
record IndexPosition(String maxScore, long score, String id) {

    static final IndexPosition TOP = new IndexPosition("+inf", Long.MAX_VALUE, null);

    static IndexPosition after(PageCursor cursor) {
        long score = cursor.after().expiresAt().toEpochMilli();
        return new IndexPosition(
                String.valueOf(score), score, cursor.after().id().value());
    }

    static IndexPosition of(Tuple entry) {
        long score = (long) entry.getScore();
        return new IndexPosition(String.valueOf(score), score, entry.getElement());
    }

    /** True when the entry lies beyond this position in listing order, i.e. was not walked yet. */
    boolean precedes(Tuple entry) {
        long entryScore = (long) entry.getScore();
        return entryScore < score
                || (entryScore == score && id != null && entry.getElement().compareTo(id) < 0);
    }
}
