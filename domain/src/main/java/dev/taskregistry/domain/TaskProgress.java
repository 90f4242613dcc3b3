package dev.taskregistry.domain;

/**
 * How far a task has come: the fraction done (0.0 to 1.0), the steps completed and, when known, the total
 * of steps ({@code 0 <= completedSteps <= totalSteps}). Its changes are the progress part of a task's
 * transitions.
 */
public record TaskProgress(double fraction, int completedSteps, Integer totalSteps) {

    public TaskProgress {
        if (!(fraction >= 0.0 && fraction <= 1.0)) {
            throw new InvalidTaskField(TaskField.PROGRESS, "must be between 0.0 and 1.0, was " + fraction);
        }
        if (completedSteps < 0) {
            throw new InvalidTaskField(TaskField.COMPLETED_STEPS, "must not be negative, was " + completedSteps);
        }
        if (totalSteps != null && (totalSteps < 0 || completedSteps > totalSteps)) {
            throw new InvalidTaskField(
                    TaskField.COMPLETED_STEPS,
                    "must be between 0 and ",
                    TaskField.TOTAL_STEPS,
                    " (" + totalSteps + "), was " + completedSteps);
        }
    }

    /** Nothing done yet, of {@code totalSteps} (null when unknown). */
    public static TaskProgress none(Integer totalSteps) {
        return new TaskProgress(0.0, 0, totalSteps);
    }

    /** The progress a worker reports; the fraction is derived from the steps when the total is known. */
    public TaskProgress reported(ProgressReport report) {
        Integer newTotal = report.totalSteps() != null ? report.totalSteps() : totalSteps;
        int newCompleted = report.completedSteps() != null ? report.completedSteps() : completedSteps;
        if (newTotal != null && newCompleted > newTotal) {
            throw new InvalidTaskField(
                    TaskField.COMPLETED_STEPS,
                    "must not exceed ",
                    TaskField.TOTAL_STEPS,
                    " (" + newTotal + "), was " + newCompleted);
        }
        return new TaskProgress(fractionFor(report, newCompleted, newTotal), newCompleted, newTotal);
    }

    /** All done: 1.0, and every step when the total is known. */
    public TaskProgress finished() {
        return new TaskProgress(1.0, totalSteps != null ? totalSteps : completedSteps, totalSteps);
    }

    /** The same progress with another fraction, as a store could hold it. */
    public TaskProgress withFraction(double value) {
        return new TaskProgress(value, completedSteps, totalSteps);
    }

    /** The same progress with other steps ({@code total} null when unknown), as a store could hold it. */
    public TaskProgress withSteps(int completed, Integer total) {
        return new TaskProgress(fraction, completed, total);
    }

    private double fractionFor(ProgressReport report, int newCompleted, Integer newTotal) {
        if (newTotal == null) {
            return report.progress() != null ? report.progress() : fraction;
        }
        double derived = (double) newCompleted / newTotal;
        if (report.progress() != null && Math.abs(report.progress() - derived) > 1e-9) {
            throw new InvalidTaskField(
                    TaskField.PROGRESS,
                    "must equal ",
                    TaskField.COMPLETED_STEPS,
                    " / ",
                    TaskField.TOTAL_STEPS,
                    " (" + derived + ") when ",
                    TaskField.TOTAL_STEPS,
                    " is known, was " + report.progress());
        }
        return derived;
    }
}
