package dev.taskregistry.adapters.rest;

import dev.taskregistry.adapters.rest.error.InvalidInput;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The long-poll parameters of {@code GET /tasks/{id}}: {@code wait} (whole seconds, up to the configured
 * maximum) and {@code after_version}, read as text so that every bad value gets a 400 naming it.
 *
 * @param waitFor how long to wait for a change; absent for a plain read
 * @param afterVersion answer once the version exceeds it; absent: the version the task has now
 */
record LongPollQuery(Duration waitFor, OptionalLong afterVersion) {

    static final String WAIT = "wait";
    static final String AFTER_VERSION = "after_version";

    /** The long-poll asked for, or empty for a plain read (neither parameter, or both empty). */
    static Optional<LongPollQuery> of(String wait, String afterVersion, Duration maxWait) {
        boolean waits = wait != null && !wait.isEmpty();
        boolean after = afterVersion != null && !afterVersion.isEmpty();
        if (!waits) {
            if (after) {
                throw new InvalidInput(AFTER_VERSION, "needs '" + WAIT + "': the seconds to wait for a later version");
            }
            return Optional.empty();
        }
        return Optional.of(new LongPollQuery(
                Duration.ofSeconds(seconds(wait, maxWait)),
                after ? OptionalLong.of(version(afterVersion)) : OptionalLong.empty()));
    }

    private static long seconds(String wait, Duration maxWait) {
        long max = maxWait.toSeconds();
        String problem = "must be a whole number of seconds between 0 and " + max + ", was '" + wait + "'";
        try {
            long seconds = Long.parseLong(wait);
            if (seconds < 0 || seconds > max) {
                throw new InvalidInput(WAIT, problem);
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new InvalidInput(WAIT, problem);
        }
    }

    private static long version(String afterVersion) {
        String problem = "must be a whole number of 0 or more, was '" + afterVersion + "'";
        try {
            long version = Long.parseLong(afterVersion);
            if (version < 0) {
                throw new InvalidInput(AFTER_VERSION, problem);
            }
            return version;
        } catch (NumberFormatException e) {
            throw new InvalidInput(AFTER_VERSION, problem);
        }
    }
}
