package dev.taskregistry.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A {@code redis-server} process a test owns, on a free port of 127.0.0.1: it can be stopped, crashed,
 * started again on the same port, paused ({@code SIGSTOP}) and resumed. Always close it; a JVM shutdown
 * hook kills it should a test forget.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final int PORT_ATTEMPTS = 3;

    private final RedisServerOptions options;
    private final int port;
    private final Path workDir;
    private final Thread killOnExit = new Thread(this::kill, "redis-server-cleanup");
    private Process process;
    private boolean paused;

    private RedisServerProcess(RedisServerOptions options, int port) throws IOException {
        this.options = options;
        this.port = port;
        this.workDir = Files.createTempDirectory("taskregistry-redis-");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts an in-memory server. */
    public static RedisServerProcess start() {
        return start(RedisServerOptions.inMemory());
    }

    /** Starts a server with these options; fails with a how-to message when redis-server is not on the PATH. */
    public static RedisServerProcess start(RedisServerOptions options) {
        if (!RedisServerLauncher.isInstalled()) {
            throw new IllegalStateException("A test needs its own redis-server process (to stop or pause it), but"
                    + " redis-server is not on the PATH. " + TestRedis.HOW_TO);
        }
        List<String> failures = new ArrayList<>();
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            RedisServerProcess server;
            try {
                server = new RedisServerProcess(options, freePort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                server.startAgain();
                return server;
            } catch (IllegalStateException failure) {
                // Most likely another process took the free port before redis-server bound it.
                failures.add(failure.getMessage());
                server.close();
            }
        }
        throw new IllegalStateException("redis-server did not start: " + failures);
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server again on the same port, with the same options and directory, after a stop or crash. */
    public synchronized void startAgain() {
        startAgain(List.of());
    }

    /** As {@link #startAgain()}, with these arguments after the server's own (they win over the same options). */
    public synchronized void startAgain(List<String> moreArguments) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("redis-server on port " + port + " is running already");
        }
        List<String> arguments = new ArrayList<>(options.arguments(port, workDir));
        arguments.addAll(moreArguments);
        process = RedisServerLauncher.launch(arguments, workDir.resolve("redis.log"));
        paused = false;
        RedisServerLauncher.awaitPing(process, port, workDir.resolve("redis.log"));
    }

    /** Shuts the server down gracefully (SIGTERM): an append-only file is flushed first. */
    public synchronized void stop() {
        end(false);
    }

    /** Kills the server at once (SIGKILL), as a power cut would: only what was synced survives. */
    public synchronized void crash() {
        end(true);
    }

    /** Freezes the process (SIGSTOP): connections open, nothing answers. */
    public synchronized void pause() {
        RedisServerLauncher.signal(process, "-STOP");
        paused = true;
    }

    public synchronized void resume() {
        RedisServerLauncher.signal(process, "-CONT");
        paused = false;
    }

    /** Stops the server and removes its temporary directory. */
    @Override
    public synchronized void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: nothing left to remove.
        }
        deleteRecursively(workDir);
    }

    private synchronized void kill() {
        end(true);
    }

    private void end(boolean forcibly) {
        if (process == null || !process.isAlive()) {
            return;
        }
        if (paused) {
            // A stopped process never sees SIGTERM until it is continued.
            resume();
        }
        RedisServerLauncher.terminate(process, forcibly);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }
}
