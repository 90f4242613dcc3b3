package dev.taskregistry.application.feed;

import dev.taskregistry.domain.FeedEvent;
import dev.taskregistry.domain.FeedGap;
import dev.taskregistry.domain.FeedSubscription;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskChangeKind;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One client's watch over the registry (every matching change) or over one task (its state, then each change,
 * until the task ends), pulled by the client's own thread. A task's watch delivers nothing twice: a change the
 * first state already shows is skipped. It ends after the task's terminal state, its removal or its expiry;
 * since a store reports an expiry only when its pruning notices it, the watch also looks when the task's
 * expiry time passes. Close it to release the subscription and the subscriber's place.
 */
public final class TaskWatch implements AutoCloseable {

    /** How long after the expiry time the watch looks again when the store still has the task. */
    private static final Duration EXPIRY_RECHECK = Duration.ofSeconds(1);

    private final TaskRepository repository;
    private final Clock clock;
    private final FeedSubscription subscription;
    private final SubscriberLimit.Admission admission;
    private final Optional<TaskId> watched;

    private Optional<WatchEvent> first;
    private Optional<Task> lastKnown;
    private long deliveredVersion;
    private Optional<Instant> nextExpiryCheck;
    private boolean ended;

    /**
     * @param first handed out before any change: the task's state, for a watch that starts from now
     * @param known the task as last read, whose expiry the watch keeps an eye on (a task's watch only)
     */
    TaskWatch(
            TaskRepository repository,
            Clock clock,
            FeedSubscription subscription,
            SubscriberLimit.Admission admission,
            Optional<TaskId> watched,
            Optional<WatchEvent.State> first,
            Optional<Task> known) {
        this.repository = repository;
        this.clock = clock;
        this.subscription = subscription;
        this.admission = admission;
        this.watched = watched;
        this.first = first.map(WatchEvent.class::cast);
        this.lastKnown = Optional.empty();
        this.nextExpiryCheck = Optional.empty();
        first.ifPresent(state -> deliveredVersion = state.task().version());
        known.ifPresent(this::know);
    }

    /**
     * The next event, or empty when {@code wait} passed without one (or the watch has ended or was closed).
     *
     * @throws dev.taskregistry.domain.TaskStoreUnavailable when the store cannot be read; the watch is then over
     */
    public Optional<WatchEvent> next(Duration wait) throws InterruptedException {
        if (first.isPresent()) {
            WatchEvent event = first.get();
            first = Optional.empty();
            return deliver(event);
        }
        long deadline = FeedSubscription.deadlineAfter(wait);
        while (!ended && subscription.isOpen()) {
            Duration slice = sliceUntil(deadline);
            Optional<FeedEvent> event = subscription.next(slice);
            Optional<WatchEvent> delivered = event.isPresent() ? accept(event.get()) : expiryIfDue();
            if (delivered.isPresent()) {
                return deliver(delivered.get());
            }
            if (event.isEmpty() && System.nanoTime() - deadline >= 0) {
                break;
            }
        }
        return Optional.empty();
    }

    /** True once the last event of a task's watch was handed out: the client should then end its stream. */
    public boolean hasEnded() {
        return ended;
    }

    /** False once closed, or when the subscription closed under it. */
    public boolean isOpen() {
        return subscription.isOpen();
    }

    @Override
    public void close() {
        try {
            subscription.close();
        } finally {
            admission.close();
        }
    }

    private Optional<WatchEvent> accept(FeedEvent event) {
        return switch (event) {
            case TaskChange change -> accept(change);
            case FeedGap gap -> Optional.of(reset(gap));
        };
    }

    private Optional<WatchEvent> accept(TaskChange change) {
        // A removal carries the version it removed, which the client may have seen: it is news all the same.
        if (watched.isPresent()
                && change.task().isPresent()
                && change.task().get().version() <= deliveredVersion) {
            return Optional.empty();
        }
        change.task().ifPresent(task -> {
            know(task);
            deliveredVersion = Math.max(deliveredVersion, task.version());
        });
        return Optional.of(new WatchEvent.Change(change));
    }

    private WatchEvent reset(FeedGap gap) {
        Optional<Task> current = watched.flatMap(repository::find);
        current.ifPresent(task -> {
            know(task);
            deliveredVersion = task.version();
        });
        return new WatchEvent.Reset(gap.resumeAfter(), current);
    }

    /** A task's watch looks for its task once the known expiry time has passed; answers the expiry it saw. */
    private Optional<WatchEvent> expiryIfDue() {
        if (nextExpiryCheck.isEmpty() || clock.instant().isBefore(nextExpiryCheck.get())) {
            return Optional.empty();
        }
        Optional<Task> current = repository.find(watched.orElseThrow());
        if (current.isEmpty()) {
            return lastKnown.map(WatchEvent.ExpiryNoticed::new);
        }
        know(current.get());
        if (!clock.instant().isBefore(nextExpiryCheck.get())) {
            // The store's clock runs behind ours, or the key lingers a moment: look again shortly.
            nextExpiryCheck = Optional.of(clock.instant().plus(EXPIRY_RECHECK));
        }
        return Optional.empty();
    }

    private void know(Task task) {
        lastKnown = Optional.of(task);
        nextExpiryCheck = watched.isPresent() ? Optional.of(task.expiresAt()) : Optional.empty();
    }

    private Duration sliceUntil(long deadline) {
        Duration untilDeadline = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        if (nextExpiryCheck.isEmpty()) {
            return untilDeadline;
        }
        Duration untilExpiry = Duration.between(clock.instant(), nextExpiryCheck.get());
        return untilExpiry.isNegative() ? Duration.ZERO : min(untilDeadline, untilExpiry);
    }

    private Optional<WatchEvent> deliver(WatchEvent event) {
        ended = watched.isPresent() && endsTheWatch(event);
        return Optional.of(event);
    }

    private static boolean endsTheWatch(WatchEvent event) {
        return switch (event) {
            case WatchEvent.State state -> state.task().status().isTerminal();
            case WatchEvent.Change change ->
                change.change().kind() == TaskChangeKind.DELETED
                        || change.change().kind() == TaskChangeKind.EXPIRED
                        || change.change().status().isTerminal();
            case WatchEvent.Reset reset ->
                reset.task().map(task -> task.status().isTerminal()).orElse(true);
            case WatchEvent.ExpiryNoticed expired -> true;
        };
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
