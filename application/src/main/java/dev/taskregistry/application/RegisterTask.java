package dev.taskregistry.application;

import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskRegistration;
import dev.taskregistry.domain.TaskRepository;
import java.time.Clock;

/** Registers a new PENDING task, with the client's id or a generated one. */
public final class RegisterTask {

    private final TaskRepository repository;
    private final Clock clock;
    private final TtlPolicy ttlPolicy;
    private final ResourceUrlTemplate resourceUrls;
    private final TaskIdGenerator ids;

    public RegisterTask(
            TaskRepository repository,
            Clock clock,
            TtlPolicy ttlPolicy,
            ResourceUrlTemplate resourceUrls,
            TaskIdGenerator ids) {
        this.repository = repository;
        this.clock = clock;
        this.ttlPolicy = ttlPolicy;
        this.resourceUrls = resourceUrls;
        this.ids = ids;
    }

    public Task register(RegisterTaskCommand command) {
        TaskId id = command.id() != null ? command.id() : ids.next(command.type());
        TaskRegistration registration = new TaskRegistration(
                id,
                command.type(),
                resourceUrls.urlFor(id),
                command.query(),
                command.totalSteps(),
                command.estimatedCompletion());
        Task task = Task.register(registration, clock.instant(), ttlPolicy.ttlFor(command.ttlSeconds()));
        repository.register(task);
        return task;
    }
}
