package dev.taskregistry.adapters.inmemory;

import dev.taskregistry.domain.FeedGap;
import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.FeedReplay;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskChangeFilter;
import dev.taskregistry.domain.TaskChangeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The last {@code retained} changes an {@link InMemoryTaskRepository} stored, numbered from 1, in a ring. The
 * repository appends inside its write lock, with the change itself, so no change is held without its event or
 * the reverse. Readers use this log's own lock, held only to copy out a few entries; its condition wakes the
 * waiting subscribers on every append. (The store's read lock has no condition, and waiting on its write lock
 * would make every subscriber contend with the writers.)
 */
final class ChangeLog {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final LogPositions positions = new LogPositions();
    private final TaskChange[] ring;
    /** The sequence of the latest change; 0 before the first. */
    private long last;

    ChangeLog(int retained) {
        if (retained < 1) {
            throw new IllegalArgumentException("'retained changes' must be at least 1, was " + retained);
        }
        ring = new TaskChange[retained];
    }

    /** Appends the change that stored {@code task} (registered, updated) or removed it (deleted, expired). */
    void append(TaskChangeKind kind, Task task) {
        lock.lock();
        try {
            ring[slot(last + 1)] = TaskChange.of(positions.of(last + 1), kind, task);
            last++;
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    FeedPosition head() {
        lock.lock();
        try {
            return positions.of(last);
        } finally {
            lock.unlock();
        }
    }

    /** Up to {@code limit} matching changes after {@code after}; a gap when one after it is no longer held. */
    FeedReplay read(FeedPosition after, TaskChangeFilter filter, int limit) {
        lock.lock();
        try {
            long read = sequenceOf(after);
            if (read < Math.max(0, last - ring.length)) {
                return new FeedGap(positions.of(last));
            }
            List<TaskChange> matching = new ArrayList<>();
            while (read < last && matching.size() < limit) {
                read++;
                TaskChange change = ring[slot(read)];
                if (filter.matches(change)) {
                    matching.add(change);
                }
            }
            return new FeedReplay.Changes(matching, positions.of(read));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a change follows {@code after} (true), or until {@code stopped} holds or the deadline of
     * {@link System#nanoTime()} passes (false). Parks on the condition: no polling.
     */
    boolean awaitChangeAfter(FeedPosition after, long deadline, BooleanSupplier stopped) throws InterruptedException {
        lock.lock();
        try {
            long sequence = sequenceOf(after);
            while (last <= sequence) {
                long remaining = deadline - System.nanoTime();
                if (stopped.getAsBoolean() || remaining <= 0) {
                    return false;
                }
                appended.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting reader, so that one whose subscription was closed returns. */
    void wakeReaders() {
        lock.lock();
        try {
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A position this log issued up to now as its sequence; any other as -1, before everything, so a gap. */
    private long sequenceOf(FeedPosition position) {
        long sequence = positions.sequenceOf(position).orElse(-1);
        return sequence <= last ? sequence : -1;
    }

    private int slot(long sequence) {
        return (int) (sequence % ring.length);
    }
}
