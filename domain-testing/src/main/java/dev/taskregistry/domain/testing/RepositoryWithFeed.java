package dev.taskregistry.domain.testing;

import dev.taskregistry.domain.TaskChangeFeed;
import dev.taskregistry.domain.TaskRepository;
import java.util.Objects;

/** A repository and the change feed of the same store, as {@link TaskChangeFeedContract} tests them together. */
public record RepositoryWithFeed(TaskRepository repository, TaskChangeFeed feed) {

    public RepositoryWithFeed {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(feed, "feed");
    }
}
