package dev.taskregistry.application.feed;

import dev.taskregistry.domain.FeedEvent;
import dev.taskregistry.domain.FeedGap;
import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.FeedSubscription;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskChangeFeed;
import dev.taskregistry.domain.TaskChangeFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskRepository;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A long-poll: the task as soon as its version passes a given one, or its state when the wait ends; for
 * clients that cannot hold a stream open. It waits on the change feed, not by reading the task again and again.
 */
public final class AwaitTaskChange {

    private final TaskRepository repository;
    private final TaskChangeFeed feed;
    private final SubscriberLimit limit;

    public AwaitTaskChange(TaskRepository repository, TaskChangeFeed feed, SubscriberLimit limit) {
        this.repository = repository;
        this.feed = feed;
        this.limit = limit;
    }

    /**
     * The task once its version exceeds {@code afterVersion} (its current version when empty: the next change),
     * or when {@code wait} ends, whatever its version then.
     *
     * @throws TaskNotFound when the task is unknown, or removed or expired before an answer
     * @throws TooManySubscribers when this worker serves its maximum of subscribers
     * @throws dev.taskregistry.domain.TaskStoreUnavailable when the store cannot be reached
     */
    public Task await(TaskId id, OptionalLong afterVersion, Duration wait) throws InterruptedException {
        try (SubscriberLimit.Admission admission = limit.admit()) {
            FeedPosition from = feed.head();
            Task current = find(id);
            long after = afterVersion.orElse(current.version());
            if (current.version() > after || wait.isZero() || wait.isNegative()) {
                return current;
            }
            try (FeedSubscription subscription = feed.subscribe(TaskChangeFilter.ofTask(id), Optional.of(from))) {
                return awaitVersionAfter(id, after, subscription, FeedSubscription.deadlineAfter(wait));
            }
        }
    }

    private Task awaitVersionAfter(TaskId id, long after, FeedSubscription subscription, long deadline)
            throws InterruptedException {
        while (true) {
            long remaining = deadline - System.nanoTime();
            Optional<FeedEvent> event =
                    remaining > 0 ? subscription.next(Duration.ofNanos(remaining)) : Optional.empty();
            if (event.isEmpty()) {
                return find(id);
            }
            switch (event.get()) {
                // A removal carries the version it removed, which may be the one the caller has: gone all the same.
                case TaskChange removal when removal.task().isEmpty() -> throw new TaskNotFound(id);
                case TaskChange change
                when change.task().get().version() > after -> {
                    return change.task().get();
                }
                case TaskChange earlier -> {
                    // a change the caller has seen already
                }
                case FeedGap gap -> {
                    Task current = find(id);
                    if (current.version() > after) {
                        return current;
                    }
                }
            }
        }
    }

    private Task find(TaskId id) {
        return repository.find(id).orElseThrow(() -> new TaskNotFound(id));
    }
}
