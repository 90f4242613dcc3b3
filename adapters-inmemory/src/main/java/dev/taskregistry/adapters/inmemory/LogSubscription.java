package dev.taskregistry.adapters.inmemory;

import dev.taskregistry.domain.FeedEvent;
import dev.taskregistry.domain.FeedGap;
import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.FeedReplay;
import dev.taskregistry.domain.FeedSubscription;
import dev.taskregistry.domain.TaskChangeFilter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A reader's position and filter in a {@link ChangeLog}; all it holds, so an idle subscriber costs little. */
final class LogSubscription implements FeedSubscription {

    /** Longer waits end after this, far below where {@code System.nanoTime()} arithmetic would overflow. */
    private final ChangeLog log;

    private final TaskChangeFilter filter;
    private final Consumer<FeedSubscription> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private FeedPosition cursor;

    LogSubscription(ChangeLog log, TaskChangeFilter filter, FeedPosition after, Consumer<FeedSubscription> onClose) {
        this.log = log;
        this.filter = Objects.requireNonNull(filter, "filter");
        this.cursor = Objects.requireNonNull(after, "after");
        this.onClose = onClose;
    }

    @Override
    public Optional<FeedEvent> next(Duration wait) throws InterruptedException {
        long deadline = FeedSubscription.deadlineAfter(wait);
        while (isOpen()) {
            switch (log.read(cursor, filter, 1)) {
                case FeedGap gap -> {
                    cursor = gap.resumeAfter();
                    return Optional.of(gap);
                }
                case FeedReplay.Changes read -> {
                    cursor = read.resumeAfter();
                    if (!read.changes().isEmpty()) {
                        return Optional.of(read.changes().getFirst());
                    }
                }
            }
            if (!log.awaitChangeAfter(cursor, deadline, closed::get)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.accept(this);
            log.wakeReaders();
        }
    }
}
