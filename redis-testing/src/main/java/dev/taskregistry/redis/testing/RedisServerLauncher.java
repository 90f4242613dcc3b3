package dev.taskregistry.redis.testing;

import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts, signals and ends {@code redis-server} processes found on the PATH. */
final class RedisServerLauncher {

    private static final String BINARY = "redis-server";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int PROBE_TIMEOUT_MILLIS = 250;

    private RedisServerLauncher() {}

    static boolean isInstalled() {
        String path = System.getenv("PATH");
        return path != null
                && List.of(path.split(File.pathSeparator)).stream()
                        .map(dir -> Path.of(dir, BINARY))
                        .anyMatch(Files::isExecutable);
    }

    static Process launch(List<String> arguments, Path log) {
        List<String> command = new ArrayList<>();
        command.add(BINARY);
        command.addAll(arguments);
        try {
            return new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Returns once this process serves commands on the port (data loaded), or fails with the end of its log. */
    static void awaitPing(Process process, int port, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited: " + tail(log));
            }
            if (answersAs(process, port)) {
                return;
            }
            sleep(Duration.ofMillis(20));
        }
        terminate(process, true);
        throw new IllegalStateException(
                "redis-server on port " + port + " did not answer within " + START_TIMEOUT + ": " + tail(log));
    }

    static void signal(Process process, String signal) {
        try {
            int exit = new ProcessBuilder("kill", signal, String.valueOf(process.pid()))
                    .start()
                    .waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling redis-server", e);
        }
    }

    static void terminate(Process process, boolean forcibly) {
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** True when the server on the port is this process and serves commands (not LOADING). */
    private static boolean answersAs(Process process, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), PROBE_TIMEOUT_MILLIS);
            socket.setSoTimeout(PROBE_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write("INFO server\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String header = readLine(in);
            if (!header.startsWith("$")) {
                return false;
            }
            String info = new String(in.readNBytes(Integer.parseInt(header.substring(1))), StandardCharsets.US_ASCII);
            // Checking the pid, not just PONG: another server may have taken the "free" port before ours.
            return info.contains("process_id:" + process.pid() + "\r\n");
        } catch (IOException | NumberFormatException notYet) {
            return false;
        }
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int next = in.read(); next != -1 && next != '\n'; next = in.read()) {
            if (next != '\r') {
                line.append((char) next);
            }
        }
        return line.toString();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }
}
