package dev.taskregistry.redis.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * How a test's own {@code redis-server} runs: in memory only (the default), or with an append-only
 * file in a directory the test chooses, for durability tests that stop, crash and restart it.
 *
 * @param appendOnly  {@code --appendonly yes}
 * @param appendFsync {@code --appendfsync}: {@code always}, {@code everysec} or {@code no}
 * @param dir         {@code --dir}; null for a temporary directory removed on close
 */
public record RedisServerOptions(boolean appendOnly, String appendFsync, Path dir) {

    private static final Set<String> FSYNC_POLICIES = Set.of("always", "everysec", "no");

    public RedisServerOptions {
        if (!FSYNC_POLICIES.contains(appendFsync)) {
            throw new IllegalArgumentException(
                    "'appendFsync' must be one of " + FSYNC_POLICIES + ", was " + appendFsync);
        }
    }

    /** No persistence at all: {@code --save "" --appendonly no}. */
    public static RedisServerOptions inMemory() {
        return new RedisServerOptions(false, "everysec", null);
    }

    /** An append-only file in {@code dir}, synced as {@code appendFsync} says; it survives restarts. */
    public static RedisServerOptions appendOnly(String appendFsync, Path dir) {
        return new RedisServerOptions(true, appendFsync, dir);
    }

    List<String> arguments(int port, Path defaultDir) {
        return List.of(
                "--port",
                String.valueOf(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                appendOnly ? "yes" : "no",
                "--appendfsync",
                appendFsync,
                "--dir",
                (dir != null ? dir : defaultDir).toAbsolutePath().toString());
    }
}
