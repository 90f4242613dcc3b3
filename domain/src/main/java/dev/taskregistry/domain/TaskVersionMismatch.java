package dev.taskregistry.domain;

/** The client based its change on a version that is no longer current; it must read the task again. */
public final class TaskVersionMismatch extends TaskRegistryException {

    private final TaskId id;

    /**
     * @param expected what the client accepted as current, in words ("version 3 or 4")
     * @param current  the stored version, or {@code null} when another writer changed the task meanwhile
     */
    public TaskVersionMismatch(TaskId id, String expected, Long current) {
        super("task '" + id + "' is " + (current == null ? "no longer" : "at version " + current + ", not") + " at "
                + expected + "; read it again");
        this.id = id;
    }

    public TaskId id() {
        return id;
    }
}
