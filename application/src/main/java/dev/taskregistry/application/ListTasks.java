package dev.taskregistry.application;

import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskRepository;

/** One page of live tasks, optionally filtered by status and type. */
public final class ListTasks {

    private final TaskRepository repository;

    public ListTasks(TaskRepository repository) {
        this.repository = repository;
    }

    public TaskPage list(TaskFilter filter, PageRequest page) {
        return repository.list(filter, page);
    }
}
