package dev.taskregistry.application.feed;

import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.FeedSubscription;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskChangeFeed;
import dev.taskregistry.domain.TaskChangeFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskRepository;
import java.time.Clock;
import java.util.Optional;

/** Opens watches: over one task (its state, then each change) or over the registry (each matching change). */
public final class WatchTasks {

    private final TaskRepository repository;
    private final TaskChangeFeed feed;
    private final SubscriberLimit limit;
    private final Clock clock;

    public WatchTasks(TaskRepository repository, TaskChangeFeed feed, SubscriberLimit limit, Clock clock) {
        this.repository = repository;
        this.feed = feed;
        this.limit = limit;
        this.clock = clock;
    }

    /**
     * The watch of one live task: from now, its current state first; after {@code after} (a position the client
     * had), the changes since, or a reset when they are no longer retained.
     *
     * @throws TaskNotFound when the task is unknown or expired, whether resuming or not
     * @throws TooManySubscribers when this worker serves its maximum of subscribers
     * @throws dev.taskregistry.domain.TaskStoreUnavailable when the store cannot be reached
     */
    public TaskWatch watchTask(TaskId id, Optional<FeedPosition> after) {
        SubscriberLimit.Admission admission = limit.admit();
        FeedSubscription subscription = null;
        try {
            // Subscribe before reading the task, so no change falls between the state and the first event.
            FeedPosition from = after.orElseGet(feed::head);
            subscription = feed.subscribe(TaskChangeFilter.ofTask(id), Optional.of(from));
            Task current = repository.find(id).orElseThrow(() -> new TaskNotFound(id));
            Optional<WatchEvent.State> state =
                    after.isPresent() ? Optional.empty() : Optional.of(new WatchEvent.State(from, current));
            return new TaskWatch(
                    repository, clock, subscription, admission, Optional.of(id), state, Optional.of(current));
        } catch (RuntimeException e) {
            release(subscription, admission);
            throw e;
        }
    }

    /**
     * The watch of every change matching {@code filter} ({@link TaskChangeFilter#of}), from now or after a
     * position the client had.
     *
     * @throws TooManySubscribers when this worker serves its maximum of subscribers
     * @throws dev.taskregistry.domain.TaskStoreUnavailable when the store cannot be reached
     */
    public TaskWatch watchRegistry(TaskChangeFilter filter, Optional<FeedPosition> after) {
        SubscriberLimit.Admission admission = limit.admit();
        FeedSubscription subscription = null;
        try {
            subscription = feed.subscribe(filter, after.isPresent() ? after : Optional.of(feed.head()));
            return new TaskWatch(
                    repository, clock, subscription, admission, Optional.empty(), Optional.empty(), Optional.empty());
        } catch (RuntimeException e) {
            release(subscription, admission);
            throw e;
        }
    }

    private static void release(FeedSubscription subscription, SubscriberLimit.Admission admission) {
        try {
            if (subscription != null) {
                subscription.close();
            }
        } finally {
            admission.close();
        }
    }
}
