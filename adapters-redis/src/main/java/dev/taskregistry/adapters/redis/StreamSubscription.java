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
import redis.clients.jedis.StreamEntryID;

/**
 * A subscriber's cursor and filter: served from the process' {@link ChangeBuffer} while its cursor is in what
 * the buffer holds, from the stream itself ({@code XRANGE}, through the request connection) while it is behind.
 */
final class StreamSubscription implements FeedSubscription {

    /** Changes per XRANGE catch-up. */
    private static final int CATCH_UP = 100;
    /** Longer waits end after this, far below where {@code System.nanoTime()} arithmetic would overflow. */
    private final ChangeBuffer buffer;

    private final ChangeStream stream;
    private final FeedPositions positions;
    private final TaskChangeFilter filter;
    private final Consumer<FeedSubscription> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Deque<TaskChange> caughtUp = new ArrayDeque<>();
    private FeedPosition cursor;
    /** Where the stream read last left off, once {@link #caughtUp} is delivered. */
    private FeedPosition caughtUpTo;
    /** The last read of the stream found nothing newer: the buffer's next change is the next one. */
    private boolean upToDate;

    StreamSubscription(
            ChangeBuffer buffer,
            ChangeStream stream,
            FeedPositions positions,
            TaskChangeFilter filter,
            FeedPosition after,
            Consumer<FeedSubscription> onClose) {
        this.buffer = buffer;
        this.stream = stream;
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
            Optional<StreamEntryID> id = positions.idOf(cursor);
            if (id.isEmpty()) {
                // Not a position of this feed: the stream answers it with a gap.
                FeedEvent gap = readStream();
                if (gap != null) {
                    return Optional.of(gap);
                }
                continue;
            }
            switch (buffer.after(id.get(), filter, deadline, closed::get, upToDate)) {
                case ChangeBuffer.Found found -> {
                    cursor = found.change().position();
                    upToDate = false;
                    return Optional.of(found.change());
                }
                case ChangeBuffer.NoneYet none -> {
                    cursor = positions.of(none.cursor());
                    return Optional.empty();
                }
                case ChangeBuffer.NotHeld behind -> {
                    FeedEvent gap = readStream();
                    if (gap != null) {
                        return Optional.of(gap);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Reads the stream after the cursor: a gap to deliver, or null with {@link #caughtUp} filled. */
    private FeedEvent readStream() {
        switch (stream.replay(cursor, filter, CATCH_UP)) {
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
            buffer.wake();
        }
    }
}
