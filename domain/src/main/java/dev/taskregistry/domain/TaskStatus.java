package dev.taskregistry.domain;

/** Where a task is in its life; COMPLETED, FAILED and CANCELLED are terminal. Adapters name the statuses. */
public enum TaskStatus {
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
