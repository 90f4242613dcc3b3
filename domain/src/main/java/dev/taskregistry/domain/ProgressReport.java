package dev.taskregistry.domain;

/**
 * A worker's report of how far a task has come. Each field is optional (null when not reported),
 * but a report names at least one of them.
 */
public record ProgressReport(Integer completedSteps, Integer totalSteps, Double progress) {

    public ProgressReport {
        if (completedSteps == null && totalSteps == null && progress == null) {
            throw new InvalidTaskField(
                    TaskField.PROGRESS,
                    "report must name at least one of ",
                    TaskField.COMPLETED_STEPS,
                    ", ",
                    TaskField.TOTAL_STEPS,
                    ", ",
                    TaskField.PROGRESS);
        }
        if (completedSteps != null && completedSteps < 0) {
            throw new InvalidTaskField(TaskField.COMPLETED_STEPS, "must not be negative, was " + completedSteps);
        }
        if (totalSteps != null && totalSteps < 1) {
            throw new InvalidTaskField(TaskField.TOTAL_STEPS, "must be at least 1, was " + totalSteps);
        }
        if (progress != null && !(progress >= 0.0 && progress <= 1.0)) {
            throw new InvalidTaskField(TaskField.PROGRESS, "must be between 0.0 and 1.0, was " + progress);
        }
    }

    public static ProgressReport ofSteps(int completedSteps) {
        return new ProgressReport(completedSteps, null, null);
    }

    public static ProgressReport ofFraction(double progress) {
        return new ProgressReport(null, null, progress);
    }
}
