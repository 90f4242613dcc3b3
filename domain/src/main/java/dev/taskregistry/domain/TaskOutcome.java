package dev.taskregistry.domain;

/**
 * How a task ended: the result of a completed task (any JSON value, or null) or the reason a failed task
 * failed. Which status allows which is {@link Task}'s rule; this type checks the error text itself.
 */
public record TaskOutcome(TaskResult result, String error) {

    /** Not ended, or ended without a result or an error (cancelled, or completed with no result). */
    public static final TaskOutcome NONE = new TaskOutcome(null, null);

    public TaskOutcome {
        Task.checkText(TaskField.ERROR, error);
    }

    public static TaskOutcome completedWith(TaskResult result) {
        return new TaskOutcome(result, null);
    }

    /** A failure with its reason, which is required and must not be blank. */
    public static TaskOutcome failedWith(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidTaskField(TaskField.ERROR, "is required and must not be blank");
        }
        return new TaskOutcome(null, reason);
    }
}
