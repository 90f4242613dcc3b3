package dev.taskregistry.application.feed;

import dev.taskregistry.domain.TaskChangeFeed;
import dev.taskregistry.domain.TaskRepository;
import java.time.Clock;

/** The use cases of the change feed, wired to one repository and its feed, sharing one subscriber limit. */
public record FeedUseCases(WatchTasks watchTasks, AwaitTaskChange awaitTaskChange, SubscriberLimit subscribers) {

    public static FeedUseCases wire(TaskRepository repository, TaskChangeFeed feed, Clock clock, int maxSubscribers) {
        SubscriberLimit limit = new SubscriberLimit(maxSubscribers);
        return new FeedUseCases(
                new WatchTasks(repository, feed, limit, clock), new AwaitTaskChange(repository, feed, limit), limit);
    }
}
