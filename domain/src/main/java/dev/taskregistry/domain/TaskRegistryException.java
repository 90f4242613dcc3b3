package dev.taskregistry.domain;

/** Root of every error the registry reports; each subclass is one thing a caller can act on. */
public abstract class TaskRegistryException extends RuntimeException {

    protected TaskRegistryException(String message) {
        super(message);
    }

    protected TaskRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
