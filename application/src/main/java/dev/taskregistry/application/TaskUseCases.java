package dev.taskregistry.application;

import dev.taskregistry.domain.TaskRepository;
import java.security.SecureRandom;
import java.time.Clock;

/** Every use case of one registry, wired to one repository: what a worker process offers its clients. */
public record TaskUseCases(
        RegisterTask registerTask,
        StartTask startTask,
        ReportProgress reportProgress,
        CompleteTask completeTask,
        FailTask failTask,
        CancelTask cancelTask,
        SetTaskTtl setTaskTtl,
        DeleteTask deleteTask,
        GetTask getTask,
        ListTasks listTasks,
        GetTaskStats getTaskStats) {

    /** How often a change without an expected version is re-applied after losing a race. */
    public static final int DEFAULT_UPDATE_ATTEMPTS = 16;

    public static TaskUseCases wire(
            TaskRepository repository, Clock clock, TtlPolicy ttlPolicy, ResourceUrlTemplate resourceUrls) {
        OptimisticTaskUpdater updater = new OptimisticTaskUpdater(repository, clock, DEFAULT_UPDATE_ATTEMPTS);
        return new TaskUseCases(
                new RegisterTask(repository, clock, ttlPolicy, resourceUrls, new TaskIdGenerator(new SecureRandom())),
                new StartTask(updater),
                new ReportProgress(updater),
                new CompleteTask(updater, ttlPolicy),
                new FailTask(updater, ttlPolicy),
                new CancelTask(updater, ttlPolicy),
                new SetTaskTtl(updater, ttlPolicy),
                new DeleteTask(repository),
                new GetTask(repository),
                new ListTasks(repository),
                new GetTaskStats(repository));
    }
}
