package dev.taskregistry.adapters.redis;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisMonitor;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The commands that clients send to one Redis while it is open, as MONITOR reports them, apart from those
 * that scripts run (which INFO commandstats counts alike): what a request path sends on its own.
 */
final class ClientCommandLog implements AutoCloseable {

    /** {@code <time> [<db> <client address, or lua>] "<command>" ...}. */
    private static final Pattern LINE = Pattern.compile("^\\S+ \\[\\d+ ([^\\]]+)\\] \"([^\"]+)\"");

    /** One argument of a MONITOR line, quoted, with backslash escapes inside. */
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final Jedis monitor;
    private final Jedis marker;
    private final Thread reader;
    private final List<String> lines = new ArrayList<>();

    ClientCommandLog(HostAndPort server) {
        this.monitor = new Jedis(server);
        this.marker = new Jedis(server);
        this.reader = Thread.ofVirtual().start(this::read);
        // MONITOR reports commands from the moment it answers OK, which Jedis does not show: wait for a marker.
        awaitMarker();
        synchronized (lines) {
            lines.clear();
        }
    }

    /** The names (lower case) of the commands clients sent so far, outside scripts, in order. */
    List<String> commands() {
        return commands(false);
    }

    /** The names (lower case) of the commands scripts ran so far, in order. */
    List<String> scriptCommands() {
        return commands(true);
    }

    /** The arguments of each {@code name} command (lower case) that clients sent so far, outside scripts, in order. */
    List<List<String>> calls(String name) {
        awaitMarker();
        List<List<String>> calls = new ArrayList<>();
        synchronized (lines) {
            for (String line : lines) {
                Matcher matcher = LINE.matcher(line);
                if (matcher.find()
                        && !matcher.group(1).equals("lua")
                        && matcher.group(2).equalsIgnoreCase(name)) {
                    List<String> arguments = new ArrayList<>();
                    Matcher quoted = QUOTED.matcher(line.substring(matcher.end()));
                    while (quoted.find()) {
                        arguments.add(quoted.group(1));
                    }
                    calls.add(arguments);
                }
            }
        }
        return calls;
    }

    private List<String> commands(boolean inScripts) {
        awaitMarker();
        List<String> commands = new ArrayList<>();
        synchronized (lines) {
            for (String line : lines) {
                Matcher matcher = LINE.matcher(line);
                if (matcher.find() && matcher.group(1).equals("lua") == inScripts) {
                    commands.add(matcher.group(2).toLowerCase());
                }
            }
        }
        return commands;
    }

    @Override
    public void close() throws InterruptedException {
        monitor.close();
        marker.close();
        reader.join(BOUND);
    }

    private void awaitMarker() {
        String mark = "marker-" + UUID.randomUUID();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(20)).until(() -> {
            marker.echo(mark);
            synchronized (lines) {
                return lines.stream().anyMatch(line -> line.contains(mark));
            }
        });
    }

    private void read() {
        try {
            monitor.monitor(new JedisMonitor() {
                @Override
                public void onCommand(String command) {
                    synchronized (lines) {
                        lines.add(command);
                    }
                }
            });
        } catch (JedisConnectionException closed) {
            // close() ends the monitoring by closing its connection.
        }
    }
}
