package dev.taskregistry.domain;

import java.util.Objects;

/**
 * Changes after the requested position are no longer all retained (or the feed never issued that position),
 * so the feed cannot say what happened: it says so instead of skipping silently. A consumer reads the current
 * state again (find, list), then continues after {@code resumeAfter}, the feed's head when the gap was found.
 * A change made between that head and the reading can show both in the state and as an event; its version
 * tells which is newer.
 */
public record FeedGap(FeedPosition resumeAfter) implements FeedEvent, FeedReplay {

    public FeedGap {
        Objects.requireNonNull(resumeAfter, "resumeAfter");
    }
}
