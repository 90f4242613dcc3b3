package dev.taskregistry.bootstrap.workers;

import dev.taskregistry.bootstrap.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Worker processes of the packaged service, each its own JVM ({@code java -jar}) on a free port, as
 * a balancer would see them. Logs go to {@code target/worker-logs/}. Closing stops every process;
 * a shutdown hook does the same if the test JVM ends first.
 */
public final class WorkerProcesses implements AutoCloseable {

    private static final Path JAR = Path.of("target", "task-registry.jar");
    private static final Path LOGS = Path.of("target", "worker-logs");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private static final Set<Integer> GIVEN_PORTS = ConcurrentHashMap.newKeySet();

    private final List<Process> processes = new ArrayList<>();
    private final List<ApiClient> clients = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final Thread stopOnExit = new Thread(this::stopAll, "stop-worker-processes");

    private WorkerProcesses() {
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts {@code count} workers with the given environment and waits until each is ready. */
    public static WorkerProcesses start(String name, int count, Map<String, String> environment) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(
                    JAR.toAbsolutePath() + " is missing: run 'mvn package' (integration tests run after it)");
        }
        WorkerProcesses workers = new WorkerProcesses();
        try {
            Files.createDirectories(LOGS);
            for (int i = 0; i < count; i++) {
                workers.launch(name + "-worker-" + (i + 1), freePort(), environment);
            }
            for (int i = 0; i < count; i++) {
                workers.awaitReady(i);
            }
            return workers;
        } catch (IOException | RuntimeException e) {
            workers.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    public int size() {
        return clients.size();
    }

    /** The operating-system process id of worker {@code index}, counted from 0. */
    public long pid(int index) {
        return processes.get(index).pid();
    }

    /** The client of worker {@code index}, counted from 0. */
    public ApiClient worker(int index) {
        return clients.get(index);
    }

    /** The address of {@code path} on worker {@code index}, for clients other than {@link ApiClient} (streams). */
    public URI uri(int index, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(index) + path);
    }

    private void launch(String name, int port, Map<String, String> environment) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(LOGS.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        processes.add(builder.start());
        clients.add(new ApiClient(port));
        ports.add(port);
    }

    private void awaitReady(int index) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!processes.get(index).isAlive()) {
                throw new IllegalStateException("worker " + (index + 1) + " exited with "
                        + processes.get(index).exitValue() + "; see " + LOGS.toAbsolutePath());
            }
            try {
                if (clients.get(index).get("/health/ready").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // the server is still starting
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("worker " + (index + 1) + " not ready within " + READY_TIMEOUT);
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
    }

    private void stopAll() {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A free port no worker of this JVM was given before: workers bind theirs only once started, so the system
     * may hand out the port of one still starting again, and that worker's client would then reach another
     * worker (seen in CI: an in-memory task "found" on a second worker).
     */
    private static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                if (GIVEN_PORTS.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
