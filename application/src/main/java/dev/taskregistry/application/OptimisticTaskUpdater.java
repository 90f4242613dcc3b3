package dev.taskregistry.application;

import dev.taskregistry.domain.ConcurrentTaskUpdate;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.TaskVersionMismatch;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiFunction;

/**
 * Applies a change to the current version of a task and stores it with the store's version check.
 * When another writer got there first, a change sent without an expected version is re-read and
 * re-applied a bounded number of times; one sent with an expected version fails at once, since the
 * client's premise no longer holds.
 */
public final class OptimisticTaskUpdater {

    private final TaskRepository repository;
    private final Clock clock;
    private final int maxAttempts;

    public OptimisticTaskUpdater(TaskRepository repository, Clock clock, int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1, was " + maxAttempts);
        }
        this.repository = repository;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    /** The stored result of {@code change} applied to the current task at the current instant. */
    public Task update(TaskId id, ExpectedVersion expected, BiFunction<Task, Instant, Task> change) {
        for (int attempt = 1; ; attempt++) {
            Task current = repository.find(id).orElseThrow(() -> new TaskNotFound(id));
            expected.check(current);
            Task changed = change.apply(current, clock.instant());
            try {
                repository.update(changed);
                return changed;
            } catch (ConcurrentTaskUpdate lostRace) {
                if (!expected.isAny()) {
                    throw new TaskVersionMismatch(id, expected.describe(), null);
                }
                if (attempt >= maxAttempts) {
                    throw lostRace;
                }
                pauseBeforeRetry(attempt);
            }
        }
    }

    /** A short random pause so that writers that collided do not collide again in lockstep. */
    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(0, Math.min(attempt, 10) + 1L));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a task update", e);
        }
    }
}
