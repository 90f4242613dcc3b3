package dev.taskregistry.adapters.inmemory;

import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.FeedReplay;
import dev.taskregistry.domain.FeedSubscription;
import dev.taskregistry.domain.TaskChangeFeed;
import dev.taskregistry.domain.TaskChangeFilter;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The changes of one {@link InMemoryTaskRepository}, read from its {@link ChangeLog}: private to this process,
 * like the tasks. Get it from {@link InMemoryTaskRepository#changeFeed()}.
 */
final class InMemoryTaskChangeFeed implements TaskChangeFeed {

    private final ChangeLog log;
    private final Set<FeedSubscription> open = ConcurrentHashMap.newKeySet();

    InMemoryTaskChangeFeed(ChangeLog log) {
        this.log = log;
    }

    @Override
    public FeedPosition head() {
        return log.head();
    }

    @Override
    public FeedReplay replay(FeedPosition after, TaskChangeFilter filter, int limit) {
        return log.read(after, filter, TaskChangeFeed.checkReplayLimit(limit));
    }

    @Override
    public FeedSubscription subscribe(TaskChangeFilter filter, Optional<FeedPosition> after) {
        FeedSubscription subscription = new LogSubscription(log, filter, after.orElseGet(log::head), open::remove);
        open.add(subscription);
        return subscription;
    }

    @Override
    public int openSubscriptions() {
        return open.size();
    }
}
