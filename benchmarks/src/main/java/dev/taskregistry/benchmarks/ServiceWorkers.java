package dev.taskregistry.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Worker processes of the packaged service for a measurement program: each {@code java -jar task-registry.jar} (the
 * JVM this program runs on) on a free port, with the environment given, its output in a log file of its own. As
 * {@code bootstrap}'s test {@code WorkerProcesses}, which the benchmarks module cannot use. Closing stops every
 * process (SIGTERM, then SIGKILL after 10 s); a shutdown hook does the same if this JVM ends first.
 */
final class ServiceWorkers implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern METRIC_LINE = Pattern.compile("^(\\w+)\\{[^}]*\\}\\s+(\\S+)$", Pattern.MULTILINE);

    private final List<Process> processes = new ArrayList<>();
    private final List<URI> bases = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Thread stopOnExit = new Thread(this::stopAll, "stop-service-workers");

    private ServiceWorkers() {
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts {@code count} workers of {@code jar} named {@code name-1}, {@code name-2}, ... with {@code environment}
     * (SERVER_PORT is set here) and the JVM options given, and waits until each answers {@code /health/ready}.
     */
    static ServiceWorkers start(
            Path jar, Path logs, String name, int count, Map<String, String> environment, List<String> jvmOptions) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar.toAbsolutePath() + " is missing: build it first (mvn -B -Pbenchmarks -DskipTests package)");
        }
        ServiceWorkers workers = new ServiceWorkers();
        try {
            Files.createDirectories(logs);
            for (int i = 1; i <= count; i++) {
                workers.launch(jar, logs.resolve(name + "-" + i + ".log"), environment, jvmOptions);
            }
            for (int i = 0; i < count; i++) {
                workers.awaitReady(i, logs);
            }
            return workers;
        } catch (IOException | RuntimeException e) {
            workers.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** The base URI of worker {@code index} (from 0), e.g. {@code http://127.0.0.1:41234}. */
    URI base(int index) {
        return bases.get(index);
    }

    /** The operating-system process id of worker {@code index}. */
    long pid(int index) {
        return processes.get(index).pid();
    }

    boolean isAlive(int index) {
        return processes.get(index).isAlive();
    }

    /** The gauges and counters of worker {@code index}'s {@code /metrics}, by name (labels dropped). */
    Map<String, Double> metrics(int index) {
        String body = get(index, "/metrics");
        Map<String, Double> values = new java.util.HashMap<>();
        Matcher line = METRIC_LINE.matcher(body);
        while (line.find()) {
            try {
                values.merge(line.group(1), Double.parseDouble(line.group(2)), Double::sum);
            } catch (NumberFormatException notANumber) {
                // e.g. NaN spelled otherwise: not a figure this program reads
            }
        }
        return values;
    }

    /** The body of a GET of {@code path} on worker {@code index}; fails on a status other than 200. */
    String get(int index, String path) {
        HttpRequest request = HttpRequest.newBuilder(base(index).resolve(path))
                .timeout(CALL_TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " on worker " + (index + 1) + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " on worker " + (index + 1), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void launch(Path jar, Path log, Map<String, String> environment, List<String> jvmOptions)
            throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("SERVER_HOST", "127.0.0.1");
        processes.add(builder.start());
        bases.add(URI.create("http://127.0.0.1:" + port));
    }

    private void awaitReady(int index, Path logs) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(base(index).resolve("/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .GET()
                .build();
        while (System.nanoTime() < deadline) {
            Process process = processes.get(index);
            if (!process.isAlive()) {
                throw new IllegalStateException("worker " + (index + 1) + " exited with " + process.exitValue()
                        + "; see its log in " + logs.toAbsolutePath());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException("worker " + (index + 1) + " not ready within " + READY_TIMEOUT);
    }

    @Override
    public void close() {
        stopAll();
        http.shutdownNow();
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
