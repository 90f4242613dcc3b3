package dev.taskregistry.domain;

/**
 * Root of every error the registry reports; each subclass is one thing a caller can act on. Sealed, so
 * that an adapter mapping these errors with an exhaustive switch fails to compile when one is added,
 * instead of answering it as an unexpected failure.
 */
public abstract sealed class TaskRegistryException extends RuntimeException
        permits InvalidTaskField, TaskNotFound, TaskConflict, TaskVersionMismatch, TaskStoreUnavailable {

    protected TaskRegistryException(String message) {
        super(message);
    }

    protected TaskRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
