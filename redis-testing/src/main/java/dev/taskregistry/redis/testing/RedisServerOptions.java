package dev.taskregistry.redis.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How a test's own {@code redis-server} runs: in memory only (the default), or with an append-only
 * file in a directory the test chooses, for durability tests that stop, crash and restart it; a cluster node or
 * replica adds its own arguments, a sentinel also its configuration file.
 *
 * @param appendOnly  {@code --appendonly yes}
 * @param appendFsync {@code --appendfsync}: {@code always}, {@code everysec} or {@code no}
 * @param dir         {@code --dir}; null for a temporary directory removed on close
 * @param configFile  a configuration file read first (e.g. a sentinel's, which Sentinel rewrites); may be null
 * @param extra       further arguments, after the others (e.g. {@code --cluster-enabled yes}, {@code --sentinel})
 */
public record RedisServerOptions(
        boolean appendOnly, String appendFsync, Path dir, Path configFile, List<String> extra) {

    private static final Set<String> FSYNC_POLICIES = Set.of("always", "everysec", "no");

    public RedisServerOptions {
        if (!FSYNC_POLICIES.contains(appendFsync)) {
            throw new IllegalArgumentException(
                    "'appendFsync' must be one of " + FSYNC_POLICIES + ", was " + appendFsync);
        }
        extra = List.copyOf(extra);
    }

    public RedisServerOptions(boolean appendOnly, String appendFsync, Path dir) {
        this(appendOnly, appendFsync, dir, null, List.of());
    }

    /** No persistence at all: {@code --save "" --appendonly no}. */
    public static RedisServerOptions inMemory() {
        return new RedisServerOptions(false, "everysec", null);
    }

    /** An append-only file in {@code dir}, synced as {@code appendFsync} says; it survives restarts. */
    public static RedisServerOptions appendOnly(String appendFsync, Path dir) {
        return new RedisServerOptions(true, appendFsync, dir);
    }

    /** These options with further arguments after the others. */
    public RedisServerOptions with(String... arguments) {
        List<String> all = new ArrayList<>(extra);
        all.addAll(List.of(arguments));
        return new RedisServerOptions(appendOnly, appendFsync, dir, configFile, all);
    }

    /** These options reading {@code file} first. */
    public RedisServerOptions withConfigFile(Path file) {
        return new RedisServerOptions(appendOnly, appendFsync, dir, file, extra);
    }

    List<String> arguments(int port, Path defaultDir) {
        List<String> arguments = new ArrayList<>();
        if (configFile != null) {
            arguments.add(configFile.toAbsolutePath().toString());
        }
        arguments.addAll(List.of(
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
                (dir != null ? dir : defaultDir).toAbsolutePath().toString()));
        arguments.addAll(extra);
        return arguments;
    }
}
