package dev.taskregistry.domain;

import java.util.List;
import java.util.Objects;

/** The answer of {@link TaskChangeFeed#replay}: the retained changes after a position, or a {@link FeedGap}. */
public sealed interface FeedReplay permits FeedReplay.Changes, FeedGap {

    /**
     * Matching changes in feed order, at most the limit asked for, and where to resume: the position of the last
     * change the feed read (matching or not), or the requested one when there was none. Replaying after
     * {@code resumeAfter} answers the changes that follow, so a walk sees each change once. No changes means
     * none after the position yet.
     */
    record Changes(List<TaskChange> changes, FeedPosition resumeAfter) implements FeedReplay {

        public Changes {
            changes = List.copyOf(changes);
            Objects.requireNonNull(resumeAfter, "resumeAfter");
        }
    }
}
