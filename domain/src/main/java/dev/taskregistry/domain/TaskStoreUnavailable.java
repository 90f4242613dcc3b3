package dev.taskregistry.domain;

/** The store could not be reached or did not answer in time. Never a reason to answer "not found". */
public final class TaskStoreUnavailable extends TaskRegistryException {

    public TaskStoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
