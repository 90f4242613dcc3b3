package dev.taskregistry.bootstrap.failover;

/**
 * One task of one writer, as far as the writer knows it for certain: the version and steps last answered 2xx
 * (or read back after a 503). Only its writer changes it, so every version step is the writer's own write.
 */
final class TrackedTask {

    private final String id;
    private int version = 1;
    private int steps;
    private int attempts;
    private boolean gone;
    private boolean uncertain;

    TrackedTask(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    int version() {
        return version;
    }

    int steps() {
        return steps;
    }

    /** How many progress reports the writer sent for it. */
    int attempts() {
        return attempts;
    }

    /** The steps value of the next report: unique per task, so a read-back tells whether that report was applied. */
    int nextSteps() {
        return ++attempts;
    }

    void known(int version, int steps) {
        this.version = version;
        this.steps = steps;
    }

    /** Answered 404 during the run: lost with the writes acknowledged for it, unless the final read finds it. */
    boolean isGone() {
        return gone;
    }

    void markGone() {
        gone = true;
    }

    /** Its state could not be learnt (an unexpected answer); the final read does not judge it. */
    boolean isUncertain() {
        return uncertain;
    }

    void markUncertain() {
        uncertain = true;
    }

    @Override
    public String toString() {
        return id + " at version " + version + " (steps " + steps + ")";
    }
}
