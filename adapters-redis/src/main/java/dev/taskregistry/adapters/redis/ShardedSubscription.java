package dev.taskregistry.adapters.redis;

import dev.taskregistry.domain.FeedEvent;
import dev.taskregistry.domain.FeedGap;
import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.FeedReplay;
import dev.taskregistry.domain.FeedSubscription;
import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskChangeFilter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A subscriber of a sharded registry's feed: its cursors (one per shard) and filter, served from the process'
 * {@link ShardedChangeLog} while every cursor is in what the log holds, from the streams themselves (a merged
 * replay through the request connection) while one is behind.
 */
final class ShardedSubscription implements FeedSubscription {

    /** Changes per catch-up replay. */
    private static final int CATCH_UP = 100;

    private final ShardedChangeLog log;
    private final ShardedChangeStreams streams;
    private final ShardedFeedPositions positions;
    private final TaskChangeFilter filter;
    private final Consumer<FeedSubscription> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Deque<TaskChange> caughtUp = new ArrayDeque<>();
    private FeedPosition cursor;
    /** Where the streams' replay last left off, once {@link #caughtUp} is delivered. */
    private FeedPosition caughtUpTo;
    /** The last replay found nothing newer: the log's next change is the next one. */
    private boolean upToDate;

    ShardedSubscription(
            ShardedChangeLog log,
            ShardedChangeStreams streams,
            ShardedFeedPositions positions,
            TaskChangeFilter filter,
            FeedPosition after,
            Consumer<FeedSubscription> onClose) {
        this.log = log;
        this.streams = streams;
        this.positions = positions;
        this.filter = filter;
        this.cursor = after;
        this.onClose = onClose;
    }

    @Override
    public Optional<FeedEvent> next(Duration wait) throws InterruptedException {
        long deadline = FeedSubscription.deadlineAfter(wait);
        while (isOpen()) {
            if (!caughtUp.isEmpty()) {
                TaskChange change = caughtUp.poll();
                cursor = caughtUp.isEmpty() ? caughtUpTo : change.position();
                return Optional.of(change);
            }
            Optional<ShardCursors> cursors = positions.cursorsOf(cursor);
            if (cursors.isEmpty()) {
                // Not a position of this feed: the replay answers it with a gap.
                FeedEvent gap = replay();
                if (gap != null) {
                    return Optional.of(gap);
                }
                continue;
            }
            switch (log.after(cursors.get(), filter, deadline, closed::get, upToDate)) {
                case ShardedChangeLog.Found found -> {
                    MergeKey key = found.key();
                    cursor = positions.of(found.before().with(key.shard(), key.id()));
                    upToDate = false;
                    return Optional.of(found.change().withPosition(cursor));
                }
                case ShardedChangeLog.NoneYet none -> {
                    cursor = positions.of(none.cursors());
                    return Optional.empty();
                }
                case ShardedChangeLog.NotHeld behind -> {
                    FeedEvent gap = replay();
                    if (gap != null) {
                        return Optional.of(gap);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Replays the streams after the cursor: a gap to deliver, or null with {@link #caughtUp} filled. */
    private FeedEvent replay() {
        switch (streams.replay(cursor, filter, CATCH_UP)) {
            case FeedGap gap -> {
                cursor = gap.resumeAfter();
                upToDate = false;
                return gap;
            }
            case FeedReplay.Changes changes -> {
                caughtUp.addAll(changes.changes());
                caughtUpTo = changes.resumeAfter();
                upToDate = changes.changes().isEmpty();
                if (upToDate) {
                    cursor = caughtUpTo;
                }
                return null;
            }
        }
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
            log.wake();
        }
    }
}
