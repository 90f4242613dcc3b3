package dev.taskregistry.application;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskRepository;

/** The current state of one live task. */
public final class GetTask {

    private final TaskRepository repository;

    public GetTask(TaskRepository repository) {
        this.repository = repository;
    }

    public Task get(TaskId id) {
        return repository.find(id).orElseThrow(() -> new TaskNotFound(id));
    }
}
