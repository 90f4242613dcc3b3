package dev.taskregistry.application;

import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskRepository;

/**
 * Removes a live task. With an expected version the current version is checked first; the check and
 * the removal are two store calls, so a change landing between them can still be deleted.
 */
public final class DeleteTask {

    private final TaskRepository repository;

    public DeleteTask(TaskRepository repository) {
        this.repository = repository;
    }

    public void delete(TaskId id, ExpectedVersion expected) {
        if (!expected.isAny()) {
            expected.check(repository.find(id).orElseThrow(() -> new TaskNotFound(id)));
        }
        if (!repository.delete(id)) {
            throw new TaskNotFound(id);
        }
    }
}
