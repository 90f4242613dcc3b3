package dev.taskregistry.adapters.inmemory;

import dev.taskregistry.domain.ConcurrentTaskUpdate;
import dev.taskregistry.domain.ListingKey;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskAlreadyExists;
import dev.taskregistry.domain.TaskChangeFeed;
import dev.taskregistry.domain.TaskChangeKind;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.TaskStats;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Tasks in this process's memory: fast and simple, but private to one process, so several workers
 * each see only their own tasks (the per-worker bug this project fixes with Redis). Thread-safe;
 * expired tasks are purged on every write and before listings and statistics, so memory stays bounded
 * by the live tasks. Each change, and each purge of an expired task, appends one event to a bounded
 * {@link ChangeLog} inside the same write lock; {@link #changeFeed()} reads it.
 */
public final class InMemoryTaskRepository implements TaskRepository {

    /** How many changes the feed retains unless told otherwise. */
    public static final int DEFAULT_RETAINED_CHANGES = 10_000;

    private final Clock clock;
    private final ChangeLog changes;
    private final TaskChangeFeed changeFeed;
    private final Map<TaskId, Task> tasks = new HashMap<>();
    private final TaskIndexes indexes = new TaskIndexes();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Lock readLock = lock.readLock();
    private final Lock writeLock = lock.writeLock();

    public InMemoryTaskRepository(Clock clock) {
        this(clock, DEFAULT_RETAINED_CHANGES);
    }

    /** A repository whose change feed retains the last {@code retainedChanges} changes (at least 1). */
    public InMemoryTaskRepository(Clock clock, int retainedChanges) {
        this.clock = clock;
        this.changes = new ChangeLog(retainedChanges);
        this.changeFeed = new InMemoryTaskChangeFeed(changes);
    }

    /** The changes of this repository, in the order it stored them. */
    public TaskChangeFeed changeFeed() {
        return changeFeed;
    }

    @Override
    public void register(Task task) {
        writeLock.lock();
        try {
            purgeExpired(clock.instant());
            if (tasks.containsKey(task.id())) {
                throw new TaskAlreadyExists(task.id());
            }
            store(task);
            changes.append(TaskChangeKind.REGISTERED, task);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Optional<Task> find(TaskId id) {
        Instant now = clock.instant();
        readLock.lock();
        try {
            return Optional.ofNullable(tasks.get(id)).filter(task -> !task.isExpiredAt(now));
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public void update(Task task) {
        writeLock.lock();
        try {
            purgeExpired(clock.instant());
            Task stored = tasks.get(task.id());
            if (stored == null) {
                throw new TaskNotFound(task.id());
            }
            if (stored.version() != task.version() - 1) {
                throw new ConcurrentTaskUpdate(task.id());
            }
            indexes.remove(stored);
            store(task);
            changes.append(TaskChangeKind.UPDATED, task);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public boolean delete(TaskId id) {
        writeLock.lock();
        try {
            purgeExpired(clock.instant());
            Task removed = tasks.remove(id);
            if (removed != null) {
                indexes.remove(removed);
                changes.append(TaskChangeKind.DELETED, removed);
            }
            return removed != null;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public TaskPage list(TaskFilter filter, PageRequest page) {
        Instant now = lockForReadingWithoutExpired();
        try {
            Iterable<ListingKey> candidates = page.cursor()
                    .map(cursor -> indexes.candidatesFor(filter).tailSet(cursor.after(), false))
                    .orElseGet(() -> indexes.candidatesFor(filter));
            List<Task> matching = new ArrayList<>(page.limit() + 1);
            for (ListingKey key : candidates) {
                Task task = tasks.get(key.id());
                if (filter.matches(task) && !task.isExpiredAt(now)) {
                    matching.add(task);
                    if (matching.size() > page.limit()) {
                        break;
                    }
                }
            }
            return TaskPage.of(matching, page.limit());
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public TaskStats stats() {
        lockForReadingWithoutExpired();
        try {
            return indexes.stats();
        } finally {
            readLock.unlock();
        }
    }

    /** How many tasks are held in memory, expired ones not yet purged included. */
    int heldTaskCount() {
        readLock.lock();
        try {
            return tasks.size();
        } finally {
            readLock.unlock();
        }
    }

    private void store(Task task) {
        tasks.put(task.id(), task);
        indexes.add(task);
    }

    /**
     * Takes the read lock with no expired task left in the indexes, as of the instant returned. Purging
     * needs the write lock, so it is taken only when the next task to expire has expired.
     */
    private Instant lockForReadingWithoutExpired() {
        readLock.lock();
        Instant now = clock.instant();
        ListingKey next = indexes.nextToExpire();
        if (next == null || now.isBefore(next.expiresAt())) {
            return now;
        }
        readLock.unlock();
        return purgeThenLockForReading();
    }

    /** Purges under the write lock, then downgrades to the read lock so no task expires unnoticed in between. */
    private Instant purgeThenLockForReading() {
        writeLock.lock();
        try {
            Instant now = clock.instant();
            purgeExpired(now);
            readLock.lock();
            return now;
        } finally {
            writeLock.unlock();
        }
    }

    private void purgeExpired(Instant now) {
        for (ListingKey next = indexes.nextToExpire();
                next != null && !now.isBefore(next.expiresAt());
                next = indexes.nextToExpire()) {
            Task expired = tasks.remove(next.id());
            indexes.remove(expired);
            changes.append(TaskChangeKind.EXPIRED, expired);
        }
    }
}
