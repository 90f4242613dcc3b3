package dev.taskregistry.domain;

import java.util.Locale;

/** The task's current status does not allow the attempted change (e.g. completing a cancelled task). */
public final class IllegalTaskTransition extends TaskConflict {

    private final TaskStatus current;
    private final String attempted;

    public IllegalTaskTransition(TaskId id, TaskStatus current, String attempted) {
        super(id, "task '" + id + "' is " + current.name().toLowerCase(Locale.ROOT) + " and cannot " + attempted);
        this.current = current;
        this.attempted = attempted;
    }

    public TaskStatus current() {
        return current;
    }

    public String attempted() {
        return attempted;
    }
}
