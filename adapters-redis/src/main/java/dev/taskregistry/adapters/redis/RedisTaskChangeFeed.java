package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.FeedReplay;
import dev.taskregistry.domain.FeedSubscription;
import dev.taskregistry.domain.TaskChangeFeed;
import dev.taskregistry.domain.TaskChangeFilter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The changes of one {@link RedisTaskRepository}, from the registry's events stream {@code {p}:events}, which its
 * scripts append to in the same step as each change: every worker sees every worker's changes. Head and replay
 * read the stream on request; subscribers are served by this process' one {@link ChangeStreamReader}, started
 * with the first subscription. Get it from {@link RedisTaskRepository#changeFeed()}.
 */
final class RedisTaskChangeFeed implements ClosableChangeFeed {

    private final ChangeStream stream;
    private final ChangeStreamReader reader;
    private final ChangeBuffer buffer;
    private final FeedPositions positions;
    private final Set<FeedSubscription> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    RedisTaskChangeFeed(ChangeStream stream, ChangeStreamReader reader, ChangeBuffer buffer, FeedPositions positions) {
        this.stream = stream;
        this.reader = reader;
        this.buffer = buffer;
        this.positions = positions;
    }

    @Override
    public FeedPosition head() {
        return stream.head();
    }

    @Override
    public FeedReplay replay(FeedPosition after, TaskChangeFilter filter, int limit) {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(filter, "filter");
        return stream.replay(after, filter, TaskChangeFeed.checkReplayLimit(limit));
    }

    @Override
    public FeedSubscription subscribe(TaskChangeFilter filter, Optional<FeedPosition> after) {
        Objects.requireNonNull(filter, "filter");
        FeedPosition from = after.orElseGet(stream::head);
        reader.start();
        FeedSubscription subscription = new StreamSubscription(buffer, stream, positions, filter, from, open::remove);
        open.add(subscription);
        return subscription;
    }

    @Override
    public int openSubscriptions() {
        return open.size();
    }

    /** Stops the reader and closes every subscription (a waiting one answers empty). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Subscriptions first, so a waiting one wakes to its closing, not to the reader's interrupted read.
        List.copyOf(open).forEach(FeedSubscription::close);
        reader.close();
    }
}
