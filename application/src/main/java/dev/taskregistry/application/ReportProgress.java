package dev.taskregistry.application;

import dev.taskregistry.domain.ProgressReport;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;

/** Records how far a task has come; a report on a PENDING task starts it. */
public final class ReportProgress {

    private final OptimisticTaskUpdater updater;

    public ReportProgress(OptimisticTaskUpdater updater) {
        this.updater = updater;
    }

    public Task report(TaskId id, ProgressReport report, ExpectedVersion expected) {
        return updater.update(id, expected, (task, now) -> task.reportProgress(report, now));
    }
}
