package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskChangeFilter;
import dev.taskregistry.domain.TaskStoreUnavailable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.StreamEntryID;

/**
 * The latest changes of a sharded registry, merged in {@link MergeKey} order by the {@link ShardedChangeMerger},
 * bounded, for this process' subscribers: for each shard k every entry after {@code coveredFrom[k]} up to
 * {@code released[k]} is held, so a subscriber whose cursors are all covered is served here, waiting without
 * polling for a change in any shard (one lock and condition for all of them); one further behind reads the
 * streams itself. Holds the outages of the merger and of the shards' readers, which a waiting subscriber is told
 * of at once.
 */
final class ShardedChangeLog {

    /** The outage source of the merger; the shards' readers are 0 to S - 1. */
    static final int MERGER = -1;

    /** What a subscriber found after its cursors. */
    sealed interface Read {}

    /** The next matching change, in shard {@code key.shard()}; {@code before} are the cursors just before it. */
    record Found(ShardCursors before, MergeKey key, TaskChange change) implements Read {}

    /** None within the wait (or the subscription closed); the cursors moved past the changes that did not match. */
    record NoneYet(ShardCursors cursors) implements Read {}

    /** Some cursor is older than what is held: read the streams. */
    record NotHeld() implements Read {}

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeMap<MergeKey, TaskChange> changes = new TreeMap<>();
    private final Map<Integer, TaskStoreUnavailable> outages = new ConcurrentHashMap<>();
    private StreamEntryID[] coveredFrom;
    private StreamEntryID[] released;

    ShardedChangeLog(int capacity) {
        this.capacity = capacity;
    }

    /** The merger starts after {@code heads}: nothing is held yet. */
    void startAt(ShardCursors heads) {
        lock.lock();
        try {
            changes.clear();
            coveredFrom = heads.ids().toArray(StreamEntryID[]::new);
            released = coveredFrom.clone();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Changes the merger may tell, in order, each after what it released before in its shard. */
    void release(List<Map.Entry<MergeKey, TaskChange>> merged) {
        if (merged.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            for (Map.Entry<MergeKey, TaskChange> change : merged) {
                changes.put(change.getKey(), change.getValue());
                released[change.getKey().shard()] = change.getKey().id();
            }
            while (changes.size() > capacity) {
                MergeKey oldest = changes.pollFirstEntry().getKey();
                coveredFrom[oldest.shard()] = max(coveredFrom[oldest.shard()], oldest.id());
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Entries of {@code shard} after what was released were trimmed unread: hold that shard from {@code id} on. */
    void restartShard(int shard, StreamEntryID id) {
        lock.lock();
        try {
            coveredFrom[shard] = max(coveredFrom[shard], id);
            released[shard] = max(released[shard], id);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** {@code source} (a shard's reader, or {@link #MERGER}) cannot reach Redis: subscribers fail until it can. */
    void unavailable(int source, TaskStoreUnavailable failure) {
        outages.put(source, failure);
        wake();
    }

    /** {@code source} reached Redis again. */
    void reachable(int source) {
        if (outages.remove(source) != null) {
            wake();
        }
    }

    /** Wakes the waiting subscribers, e.g. for one that was closed. */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The first change after {@code cursors} that matches, in merged order, waiting for it until
     * {@code deadlineNanos} or {@code closed}. Cursors older than what is held answer {@link NotHeld}, at once, or
     * with {@code mayBeBehind} (the streams had nothing after them a moment ago) after the merger's next change,
     * so that such a subscriber reads the streams once per change, never in a loop.
     *
     * @throws TaskStoreUnavailable while the merger or a shard's reader cannot reach Redis
     */
    Read after(
            ShardCursors cursors,
            TaskChangeFilter filter,
            long deadlineNanos,
            BooleanSupplier closed,
            boolean mayBeBehind)
            throws InterruptedException {
        lock.lockInterruptibly();
        try {
            ShardCursors seen = cursors;
            while (!closed.getAsBoolean()) {
                if (!outages.isEmpty()) {
                    throw outages.values().iterator().next();
                }
                // Until the merger has its first positions nothing is held: wait for it rather than read the streams.
                if (coveredFrom != null) {
                    if (behind(seen)) {
                        if (!mayBeBehind || !awaitChange(deadlineNanos)) {
                            return mayBeBehind ? new NoneYet(seen) : new NotHeld();
                        }
                        return new NotHeld();
                    }
                    for (Map.Entry<MergeKey, TaskChange> entry : changes.tailMap(
                                    new MergeKey(oldest(seen), Integer.MAX_VALUE), false)
                            .entrySet()) {
                        MergeKey key = entry.getKey();
                        if (!seen.before(key.shard(), key.id())) {
                            continue;
                        }
                        if (filter.matches(entry.getValue())) {
                            return new Found(seen, key, entry.getValue());
                        }
                        seen = seen.with(key.shard(), key.id());
                    }
                    // Every entry up to released[k] was held and looked at: none of them matched.
                    for (int k = 0; k < released.length; k++) {
                        if (seen.before(k, released[k])) {
                            seen = seen.with(k, released[k]);
                        }
                    }
                }
                if (!awaitChange(deadlineNanos)) {
                    break;
                }
            }
            return new NoneYet(seen);
        } finally {
            lock.unlock();
        }
    }

    private boolean behind(ShardCursors cursors) {
        for (int k = 0; k < coveredFrom.length; k++) {
            if (cursors.before(k, coveredFrom[k])) {
                return true;
            }
        }
        return false;
    }

    /** Every held entry at or before this id is behind the cursors. */
    private static StreamEntryID oldest(ShardCursors cursors) {
        StreamEntryID oldest = cursors.get(0);
        for (StreamEntryID id : cursors.ids()) {
            oldest = id.compareTo(oldest) < 0 ? id : oldest;
        }
        return oldest;
    }

    private static StreamEntryID max(StreamEntryID a, StreamEntryID b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** With the lock held: waits for a signal until the deadline; false when the deadline has passed. */
    private boolean awaitChange(long deadlineNanos) throws InterruptedException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return false;
        }
        changed.awaitNanos(Math.min(remaining, TimeUnit.DAYS.toNanos(1)));
        return true;
    }
}
