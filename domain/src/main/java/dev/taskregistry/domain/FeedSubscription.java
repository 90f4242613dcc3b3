package dev.taskregistry.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * One reader's place in a {@link TaskChangeFeed}, pulled by the reader's own thread (one virtual thread per
 * subscriber): the feed holds nothing per subscriber but its position and filter. Not for several threads at
 * once, except {@link #close()}, which any thread may call.
 */
public interface FeedSubscription extends AutoCloseable {

    /**
     * The next matching change, or a {@link FeedGap} when changes were lost to retention (the subscription then
     * continues after the gap's {@code resumeAfter}), or empty when {@code wait} passed without one or the
     * subscription is closed. Waits without polling, and returns as soon as a change arrives or {@link #close()}
     * is called.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     * @throws TaskStoreUnavailable when the feed cannot be read; the subscription is then of no further use
     */
    Optional<FeedEvent> next(Duration wait) throws InterruptedException;

    /** False once closed. */
    boolean isOpen();

    /** Releases what the subscription holds and wakes a waiting {@link #next}; closing twice is harmless. */
    @Override
    void close();

    /**
     * The {@link System#nanoTime()} at which a {@link #next} given {@code wait} gives up: a negative wait is none,
     * and a wait beyond a year is a year, so the sum cannot overflow. For implementations.
     */
    static long deadlineAfter(Duration wait) {
        Duration longest = Duration.ofDays(365);
        long nanos = wait.isNegative() ? 0 : Math.min(wait.toNanos(), longest.toNanos());
        return System.nanoTime() + nanos;
    }
}
