package dev.taskregistry.domain;

/**
 * The rules between a task's status, its lifetime's instants and its outcome, which no field group can
 * check alone. Every task is held to them: rebuilt from storage or made by a transition.
 */
final class TaskRules {

    private TaskRules() {}

    static void check(TaskStatus status, TaskLifetime lifetime, TaskOutcome outcome) {
        checkInstants(status, lifetime);
        if (outcome.result() != null && status != TaskStatus.COMPLETED) {
            throw new InvalidTaskField(
                    TaskField.RESULT, "must be null unless ", TaskField.STATUS, " is COMPLETED, was " + status);
        }
        if (status == TaskStatus.FAILED && outcome.error() == null) {
            throw new InvalidTaskField(TaskField.ERROR, "is required when ", TaskField.STATUS, " is FAILED");
        }
        if (status != TaskStatus.FAILED && outcome.error() != null) {
            throw new InvalidTaskField(
                    TaskField.ERROR, "must be null unless ", TaskField.STATUS, " is FAILED, was " + status);
        }
    }

    private static void checkInstants(TaskStatus status, TaskLifetime lifetime) {
        if (status == TaskStatus.PENDING && lifetime.startedAt() != null) {
            throw new InvalidTaskField(TaskField.STARTED_AT, "must be null while ", TaskField.STATUS, " is PENDING");
        }
        // A RUNNING task may lack started_at: the original service wrote running tasks without it
        // (TaskDocumentCodecTest's legacy documents), and they are still read and updated.
        if (status.isTerminal() && lifetime.completedAt() == null) {
            throw new InvalidTaskField(TaskField.COMPLETED_AT, "is required when ", TaskField.STATUS, " is " + status);
        }
        if (!status.isTerminal() && lifetime.completedAt() != null) {
            throw new InvalidTaskField(
                    TaskField.COMPLETED_AT, "must be null while ", TaskField.STATUS, " is " + status);
        }
    }
}
