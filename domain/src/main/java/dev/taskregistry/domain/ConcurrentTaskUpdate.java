package dev.taskregistry.domain;

/** Another writer changed the task since it was read: the write carried a stale version. */
public final class ConcurrentTaskUpdate extends TaskConflict {

    public ConcurrentTaskUpdate(TaskId id) {
        super(id, "task '" + id + "' was changed by another writer; read it again and retry");
    }
}
