package dev.taskregistry.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.FeedEvent;
import dev.taskregistry.domain.FeedGap;
import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.FeedReplay;
import dev.taskregistry.domain.FeedSubscription;
import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskChangeFeed;
import dev.taskregistry.domain.TaskChangeFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads a change feed as a client does: replays page by page, takes a subscription's next events. */
public final class FeedReading {

    /** How long a test lets a feed take to deliver a change: only a bound against hanging, never a measure. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private static final int MAX_PAGES = 10_000;

    private FeedReading() {}

    /** Every retained change after {@code after} that the filter matches, in order; fails on a gap. */
    public static List<TaskChange> replayAll(TaskChangeFeed feed, FeedPosition after, TaskChangeFilter filter) {
        List<TaskChange> changes = new ArrayList<>();
        FeedPosition position = after;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            FeedReplay replay = feed.replay(position, filter, TaskChangeFeed.MAX_REPLAY_LIMIT);
            if (!(replay instanceof FeedReplay.Changes page)) {
                throw new AssertionError("expected the changes after " + position + ", got " + replay);
            }
            if (page.changes().isEmpty()) {
                return changes;
            }
            changes.addAll(page.changes());
            position = page.resumeAfter();
        }
        throw new AssertionError("replay did not end");
    }

    /** The subscription's next event; fails when none comes within {@link #PATIENCE}. */
    public static FeedEvent nextEvent(FeedSubscription subscription) throws InterruptedException {
        return subscription
                .next(PATIENCE)
                .orElseThrow(() -> new AssertionError("no event within " + PATIENCE + " (or the subscription closed)"));
    }

    /** The subscription's next event, which must be a change. */
    public static TaskChange nextChange(FeedSubscription subscription) throws InterruptedException {
        FeedEvent event = nextEvent(subscription);
        assertThat(event).as("the next event").isInstanceOf(TaskChange.class);
        return (TaskChange) event;
    }

    /** The subscription's next {@code count} events, which must all be changes. */
    public static List<TaskChange> nextChanges(FeedSubscription subscription, int count) throws InterruptedException {
        List<TaskChange> changes = new ArrayList<>(count);
        while (changes.size() < count) {
            changes.add(nextChange(subscription));
        }
        return changes;
    }

    /** The subscription's next event, which must be a gap. */
    public static FeedGap nextGap(FeedSubscription subscription) throws InterruptedException {
        FeedEvent event = nextEvent(subscription);
        assertThat(event).as("the next event").isInstanceOf(FeedGap.class);
        return (FeedGap) event;
    }
}
