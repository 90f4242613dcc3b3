package dev.taskregistry.adapters.mcp;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the MCP endpoint behaves.
 *
 * @param allowedOrigins the {@code Origin} values a browser may call from; requests without an {@code Origin}
 *     (every non-browser client) are always allowed
 * @param resultWait the longest a {@code tasks/result} waits for its task to end before answering that it is
 *     still working
 * @param pollInterval the {@code pollInterval} suggested to clients of the tasks utility
 */
public record McpSettings(Set<String> allowedOrigins, Duration resultWait, Duration pollInterval) {

    public McpSettings {
        allowedOrigins = Set.copyOf(Objects.requireNonNull(allowedOrigins, "allowedOrigins"));
        Objects.requireNonNull(resultWait, "resultWait");
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (resultWait.isNegative() || resultWait.isZero()) {
            throw new IllegalArgumentException("'result-wait' must be positive, was " + resultWait);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("'poll-interval' must be positive, was " + pollInterval);
        }
    }
}
