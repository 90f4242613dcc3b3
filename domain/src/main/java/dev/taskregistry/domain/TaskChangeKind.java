package dev.taskregistry.domain;

/** What a {@link TaskChange} did to its task. */
public enum TaskChangeKind {
    /** A new task was stored: version 1. */
    REGISTERED,
    /** The next version was stored: a transition, progress, or a new TTL. */
    UPDATED,
    /** A live task was removed by a delete. */
    DELETED,
    /**
     * The registry noticed that the task's lifetime had run out and dropped it. That happens when it prunes
     * (before a listing or statistics, and in memory on every write), not at the instant of expiry: a reader
     * finds the task gone from {@code expires_at} on, the feed tells it when the store notices.
     */
    EXPIRED;

    /** True when the change stored a task, which its event then carries; false when it removed one. */
    public boolean storesTask() {
        return this == REGISTERED || this == UPDATED;
    }
}
