package dev.taskregistry.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A long-running piece of work and what is known about it. Immutable: every change returns the next
 * version of the task or throws a domain error. Its fields come in groups that check themselves
 * ({@link TaskProgress}, {@link TaskLifetime}, {@link TaskOutcome}); the task checks the rules between
 * them and its status. {@link #rebuild} is the one way to rebuild a task from storage.
 */
public final class Task {

    /** The shortest time a task may live. */
    public static final Duration MIN_TTL = Duration.ofSeconds(1);
    /** Longest accepted query or error text. */
    public static final int MAX_TEXT_LENGTH = 10_000;

    private final TaskId id;
    private final TaskType type;
    private final TaskStatus status;
    private final String resourceUrl;
    private final Instant estimatedCompletion;
    private final String query;
    private final TaskProgress progress;
    private final TaskLifetime lifetime;
    private final TaskOutcome outcome;
    private final long version;

    private Task(
            TaskId id,
            TaskType type,
            TaskStatus status,
            String resourceUrl,
            Instant estimatedCompletion,
            String query,
            TaskProgress progress,
            TaskLifetime lifetime,
            TaskOutcome outcome,
            long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.type = Objects.requireNonNull(type, "type");
        this.status = Objects.requireNonNull(status, "status");
        this.resourceUrl = Objects.requireNonNull(resourceUrl, "resourceUrl");
        this.estimatedCompletion = TaskLifetime.millis(estimatedCompletion);
        this.query = query;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.version = version;
        checkText(TaskField.QUERY, query);
        if (version < 1) {
            throw new InvalidTaskField(TaskField.VERSION, "must be at least 1, was " + version);
        }
        TaskRules.check(status, lifetime, outcome);
    }

    /**
     * The task as a store holds it: the one way to rebuild a task from storage (and the test builder's).
     * Checks every field group, and the rules between them and the status: PENDING has neither
     * {@code started_at} nor {@code completed_at}; RUNNING has no {@code completed_at}; COMPLETED, FAILED and
     * CANCELLED have {@code completed_at}; only a COMPLETED task has a result (or none); a FAILED task, and
     * only it, has an error. So a store can never hand out a completed task without {@code completed_at}.
     *
     * @throws InvalidTaskField naming the field that breaks a rule
     */
    public static Task rebuild(
            TaskId id,
            TaskType type,
            TaskStatus status,
            String resourceUrl,
            Instant estimatedCompletion,
            String query,
            TaskProgress progress,
            TaskLifetime lifetime,
            TaskOutcome outcome,
            long version) {
        return new Task(
                id, type, status, resourceUrl, estimatedCompletion, query, progress, lifetime, outcome, version);
    }

    /** A new PENDING task, version 1, living until {@code now + ttl}. */
    public static Task register(TaskRegistration registration, Instant now, Duration ttl) {
        checkTtl(ttl);
        return new Task(
                registration.id(),
                registration.type(),
                TaskStatus.PENDING,
                registration.resourceUrl(),
                registration.estimatedCompletion(),
                registration.query(),
                TaskProgress.none(registration.totalSteps()),
                TaskLifetime.registeredAt(now, ttl),
                TaskOutcome.NONE,
                1);
    }

    /** PENDING to RUNNING. */
    public Task start(Instant now) {
        if (status != TaskStatus.PENDING) {
            throw new IllegalTaskTransition(id, status, "start");
        }
        return next(TaskStatus.RUNNING, progress, TaskOutcome.NONE, lifetime, now);
    }

    /** Records progress; a report on a PENDING task starts it. */
    public Task reportProgress(ProgressReport report, Instant now) {
        requireNotTerminal("report progress");
        return next(TaskStatus.RUNNING, progress.reported(report), TaskOutcome.NONE, lifetime, now);
    }

    /** Finishes the task with an optional result; progress becomes 1.0 and the result is retained. */
    public Task complete(TaskResult taskResult, Instant now, Duration resultRetention) {
        requireNotTerminal("complete");
        return next(
                TaskStatus.COMPLETED,
                progress.finished(),
                TaskOutcome.completedWith(taskResult),
                lifetime.retainedUntil(now.plus(resultRetention)),
                now);
    }

    /** Ends the task as failed with a reason the client can read until the retention runs out. */
    public Task fail(String reason, Instant now, Duration resultRetention) {
        TaskOutcome failure = TaskOutcome.failedWith(reason);
        requireNotTerminal("fail");
        return next(TaskStatus.FAILED, progress, failure, lifetime.retainedUntil(now.plus(resultRetention)), now);
    }

    /** Ends the task as cancelled. */
    public Task cancel(Instant now, Duration resultRetention) {
        requireNotTerminal("cancel");
        return next(
                TaskStatus.CANCELLED,
                progress,
                TaskOutcome.NONE,
                lifetime.retainedUntil(now.plus(resultRetention)),
                now);
    }

    /** Sets a new lifetime counted from now; the one change a terminal task still accepts. */
    public Task withTtl(Duration ttl, Instant now) {
        checkTtl(ttl);
        return next(status, progress, outcome, lifetime.withExpiresAt(now.plus(ttl)), now);
    }

    /** True once the task's lifetime has run out: it is then gone for every reader. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(lifetime.expiresAt());
    }

    /** The task's place in listings. */
    public ListingKey listingKey() {
        return new ListingKey(lifetime.expiresAt(), id);
    }

    public TaskId id() {
        return id;
    }

    public TaskType type() {
        return type;
    }

    public TaskStatus status() {
        return status;
    }

    public String resourceUrl() {
        return resourceUrl;
    }

    public Instant estimatedCompletion() {
        return estimatedCompletion;
    }

    public String query() {
        return query;
    }

    /** How far the task has come: fraction and steps. */
    public TaskProgress taskProgress() {
        return progress;
    }

    public TaskLifetime lifetime() {
        return lifetime;
    }

    public TaskOutcome outcome() {
        return outcome;
    }

    public long version() {
        return version;
    }

    // Shortcuts to the groups' fields that callers read most; a new field needs none (read it on its group).

    /** The fraction done, 0.0 to 1.0. */
    public double progress() {
        return progress.fraction();
    }

    public int completedSteps() {
        return progress.completedSteps();
    }

    public Integer totalSteps() {
        return progress.totalSteps();
    }

    public Instant createdAt() {
        return lifetime.createdAt();
    }

    public Instant updatedAt() {
        return lifetime.updatedAt();
    }

    public Instant startedAt() {
        return lifetime.startedAt();
    }

    public Instant completedAt() {
        return lifetime.completedAt();
    }

    public Instant expiresAt() {
        return lifetime.expiresAt();
    }

    public TaskResult result() {
        return outcome.result();
    }

    public String error() {
        return outcome.error();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Task that
                && id.equals(that.id)
                && type.equals(that.type)
                && status == that.status
                && resourceUrl.equals(that.resourceUrl)
                && Objects.equals(estimatedCompletion, that.estimatedCompletion)
                && Objects.equals(query, that.query)
                && progress.equals(that.progress)
                && lifetime.equals(that.lifetime)
                && outcome.equals(that.outcome)
                && version == that.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                id, type, status, resourceUrl, estimatedCompletion, query, progress, lifetime, outcome, version);
    }

    @Override
    public String toString() {
        return "Task[id=" + id + ", type=" + type + ", status=" + status + ", resourceUrl=" + resourceUrl
                + ", estimatedCompletion=" + estimatedCompletion + ", query=" + query + ", " + progress + ", "
                + lifetime + ", " + outcome + ", version=" + version + "]";
    }

    static void checkText(TaskField field, String text) {
        if (text != null && text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidTaskField(
                    field, "must be at most " + MAX_TEXT_LENGTH + " characters, was " + text.length());
        }
        UnicodeText.requireWellFormed(field, text);
    }

    private static void checkTtl(Duration ttl) {
        if (ttl == null || ttl.compareTo(MIN_TTL) < 0) {
            throw new InvalidTaskField(TaskField.TTL, "must be at least " + MIN_TTL.toSeconds() + " s, was " + ttl);
        }
    }

    private void requireNotTerminal(String attempted) {
        if (status.isTerminal()) {
            throw new IllegalTaskTransition(id, status, attempted);
        }
    }

    /** The next version: changed at {@code now}, started by the first RUNNING, ended by the first terminal status. */
    private Task next(
            TaskStatus newStatus,
            TaskProgress newProgress,
            TaskOutcome newOutcome,
            TaskLifetime newLifetime,
            Instant now) {
        TaskLifetime changed = newLifetime.changedAt(
                now, newStatus == TaskStatus.RUNNING, newStatus.isTerminal() && !status.isTerminal());
        return new Task(
                id,
                type,
                newStatus,
                resourceUrl,
                estimatedCompletion,
                query,
                newProgress,
                changed,
                newOutcome,
                version + 1);
    }
}
