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
 * The changes of a {@link RedisTaskRepository} spread over S shards, from the shards' S events streams
 * {@code {p:k}:events} (DESIGN.md §10: one stream per shard, each appended by its shard's scripts in the same step
 * as each change). A position names every shard's place ({@link ShardedFeedPositions}); head and replay read the
 * streams on request, merged ({@link ShardedChangeStreams}).
 *
 * <p>Subscribers are served by this process' {@link ShardedChangeMerger} and S {@link ChangeStreamReader}s, started
 * with the first subscription. Redis Cluster refuses an XREAD over keys of several slots, even on one node, and a
 * shard is one slot, so each shard needs a blocking read of its own: the readers share the feed connection, which
 * {@link RedisTaskRepository#connect} sizes to S connections (per node on Redis Cluster, where each node's pool
 * only serves its own shards); the merger reads through the request connection. One XREAD over every shard on one
 * connection would serve a single server, but not a cluster, and one design for both is tested on both.
 *
 * <p>Order: the changes of one task always come in the order they were stored (one shard, one stream). Across
 * shards the scripts name events by Redis' clock in microseconds ({@link EventIds}) and the feed tells them by
 * that id, so on one server in the order it stored them; on Redis Cluster, in the order of the masters' clocks.
 * Resuming from a position never loses or repeats a change, whatever the clocks: each shard resumes after its own
 * stream id.
 */
final class ShardedTaskChangeFeed implements ClosableChangeFeed {

    private final ShardedChangeStreams streams;
    private final ShardedChangeMerger merger;
    private final List<ChangeStreamReader> readers;
    private final ShardedChangeLog log;
    private final ShardedFeedPositions positions;
    private final RedisConnection reading;
    private final boolean ownsReading;
    private final Set<FeedSubscription> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** {@code reading} is the readers' connection, closed with this feed when it {@code ownsReading}. */
    ShardedTaskChangeFeed(
            ShardedChangeStreams streams,
            ShardedChangeMerger merger,
            List<ChangeStreamReader> readers,
            ShardedChangeLog log,
            ShardedFeedPositions positions,
            RedisConnection reading,
            boolean ownsReading) {
        this.streams = streams;
        this.merger = merger;
        this.readers = List.copyOf(readers);
        this.log = log;
        this.positions = positions;
        this.reading = reading;
        this.ownsReading = ownsReading;
    }

    @Override
    public FeedPosition head() {
        return streams.head();
    }

    @Override
    public FeedReplay replay(FeedPosition after, TaskChangeFilter filter, int limit) {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(filter, "filter");
        return streams.replay(after, filter, TaskChangeFeed.checkReplayLimit(limit));
    }

    @Override
    public FeedSubscription subscribe(TaskChangeFilter filter, Optional<FeedPosition> after) {
        Objects.requireNonNull(filter, "filter");
        FeedPosition from = after.orElseGet(streams::head);
        merger.start();
        readers.forEach(ChangeStreamReader::start);
        FeedSubscription subscription = new ShardedSubscription(log, streams, positions, filter, from, open::remove);
        open.add(subscription);
        return subscription;
    }

    @Override
    public int openSubscriptions() {
        return open.size();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Subscriptions first, so a waiting one wakes to its closing, not to an interrupted read.
        List.copyOf(open).forEach(FeedSubscription::close);
        try {
            readers.forEach(ChangeStreamReader::close);
            merger.close();
        } finally {
            if (ownsReading) {
                reading.close();
            }
        }
    }
}
