package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskChangeFilter;
import dev.taskregistry.domain.TaskStoreUnavailable;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import redis.clients.jedis.StreamEntryID;

/**
 * The latest changes the stream reader has read, bounded, for this process' subscribers: every entry after
 * {@code coveredFrom} up to {@code last} is held, so a subscriber at or past {@code coveredFrom} is served here,
 * waiting without polling; one further behind reads the stream itself. Holds the reader's outage too, which a
 * waiting subscriber is told of at once.
 */
final class ChangeBuffer implements ChangeSink {

    /** What a subscriber found after its cursor. */
    sealed interface Read {}

    /** The next matching change. */
    record Found(StreamEntryID id, TaskChange change) implements Read {}

    /** None within the wait (or the subscription closed); the cursor moved past the changes that did not match. */
    record NoneYet(StreamEntryID cursor) implements Read {}

    /** The cursor is older than what is held: read the stream. */
    record NotHeld() implements Read {}

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final TreeMap<StreamEntryID, TaskChange> changes = new TreeMap<>();
    private StreamEntryID coveredFrom;
    private StreamEntryID last;
    private TaskStoreUnavailable outage;

    ChangeBuffer(int capacity) {
        this.capacity = capacity;
    }

    /** Forgets what is held: the reader continues after {@code id} (first read, or after a gap in the stream). */
    @Override
    public void restartAt(StreamEntryID id) {
        lock.lock();
        try {
            changes.clear();
            coveredFrom = id;
            last = id;
            outage = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Entries the reader read after {@code last}, in order. */
    @Override
    public void append(Map<StreamEntryID, TaskChange> read) {
        lock.lock();
        try {
            changes.putAll(read);
            last = changes.isEmpty() ? last : changes.lastKey();
            while (changes.size() > capacity) {
                coveredFrom = changes.pollFirstEntry().getKey();
            }
            outage = null;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The reader cannot reach Redis: every subscriber's next read fails with this until it can again. */
    @Override
    public void unavailable(TaskStoreUnavailable failure) {
        lock.lock();
        try {
            outage = failure;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The reader reached Redis again, with nothing new to read. */
    @Override
    public void reachable() {
        lock.lock();
        try {
            if (outage != null) {
                outage = null;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
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
     * The first change after {@code cursor} that matches, waiting for it until {@code deadlineNanos}
     * ({@link System#nanoTime()}) or {@code closed}. A cursor older than what is held answers {@link NotHeld}, at
     * once, or with {@code mayBeBehind} (the stream had nothing after it a moment ago) after the reader's next
     * change, so that such a subscriber reads the stream once per change, never in a loop.
     *
     * @throws TaskStoreUnavailable while the reader cannot reach Redis
     */
    Read after(
            StreamEntryID cursor,
            TaskChangeFilter filter,
            long deadlineNanos,
            BooleanSupplier closed,
            boolean mayBeBehind)
            throws InterruptedException {
        lock.lockInterruptibly();
        try {
            StreamEntryID seen = cursor;
            while (!closed.getAsBoolean()) {
                if (outage != null) {
                    throw outage;
                }
                // Until the reader has its first position nothing is held: wait for it rather than read the stream.
                if (coveredFrom != null) {
                    if (seen.compareTo(coveredFrom) < 0) {
                        if (!mayBeBehind || !awaitChange(deadlineNanos)) {
                            return mayBeBehind ? new NoneYet(seen) : new NotHeld();
                        }
                        return new NotHeld();
                    }
                    for (Map.Entry<StreamEntryID, TaskChange> entry :
                            changes.tailMap(seen, false).entrySet()) {
                        if (filter.matches(entry.getValue())) {
                            return new Found(entry.getKey(), entry.getValue());
                        }
                    }
                    seen = seen.compareTo(last) > 0 ? seen : last;
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
