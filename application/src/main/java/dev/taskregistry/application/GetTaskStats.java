package dev.taskregistry.application;

import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.TaskStats;

/** Counts of live tasks, in total, by type and by status. */
public final class GetTaskStats {

    private final TaskRepository repository;

    public GetTaskStats(TaskRepository repository) {
        this.repository = repository;
    }

    public TaskStats stats() {
        return repository.stats();
    }
}
