package dev.taskregistry.application.feed;

import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskChange;
import java.util.Objects;
import java.util.Optional;

/** What a {@link TaskWatch} hands its client, in order. Sealed, so a renderer covers every kind. */
public sealed interface WatchEvent {

    /** The task as it stood when the watch began; changes after {@code position} follow. */
    record State(FeedPosition position, Task task) implements WatchEvent {

        public State {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(task, "task");
        }
    }

    /** One stored change. */
    record Change(TaskChange change) implements WatchEvent {

        public Change {
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * Changes after the client's position are no longer retained: read the state again (for a task's watch,
     * {@code task} is it, or empty when the task is gone) and continue after {@code resumeAfter}.
     */
    record Reset(FeedPosition resumeAfter, Optional<Task> task) implements WatchEvent {

        public Reset {
            Objects.requireNonNull(resumeAfter, "resumeAfter");
            Objects.requireNonNull(task, "task");
        }
    }

    /**
     * The watched task's expiry passed and the store no longer has it, before the feed reported the expiry (a
     * store reports it when its pruning notices): {@code task} is the last state the watch knew. Has no position
     * of its own.
     */
    record ExpiryNoticed(Task task) implements WatchEvent {

        public ExpiryNoticed {
            Objects.requireNonNull(task, "task");
        }
    }
}
