package dev.taskregistry.domain;

import java.util.Optional;

/**
 * Where tasks live until they expire. Every method fails with {@link TaskStoreUnavailable} when the
 * store cannot be reached: an outage is never reported as "not found" or as an empty list.
 */
public interface TaskRepository {

    /** Stores a new task until its {@code expires_at}; fails with {@link TaskAlreadyExists} when the id is live. */
    void register(Task task);

    /** The live task, or empty when it never existed, expired or was deleted. */
    Optional<Task> find(TaskId id);

    /**
     * Stores the next version of a task. Fails with {@link ConcurrentTaskUpdate} unless the stored
     * version is exactly {@code task.version() - 1}, and with {@link TaskNotFound} when the task
     * expired or was deleted (it is never brought back).
     */
    void update(Task task);

    /** Removes a live task; false when there was none. */
    boolean delete(TaskId id);

    /** Live tasks matching the filter, in {@link ListingKey} order, one page at a time. */
    TaskPage list(TaskFilter filter, PageRequest page);

    /** Counts of live tasks. */
    TaskStats stats();
}
