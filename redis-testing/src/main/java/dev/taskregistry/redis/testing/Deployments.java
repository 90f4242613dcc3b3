package dev.taskregistry.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/** What the test deployments (cluster, sentinel set) share: admin calls to one process, waiting, free ports. */
final class Deployments {

    private static final int ADMIN_TIMEOUT_MILLIS = 1000;
    private static final Duration POLL = Duration.ofMillis(25);

    private Deployments() {}

    /** Runs {@code call} on a fresh connection to the port; empty when the process does not answer. */
    static <T> Optional<T> ask(int port, Function<Jedis, T> call) {
        try (Jedis jedis = new Jedis(
                new HostAndPort("127.0.0.1", port),
                DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(ADMIN_TIMEOUT_MILLIS)
                        .socketTimeoutMillis(ADMIN_TIMEOUT_MILLIS)
                        // RESP2 without a HELLO: the legacy Jedis class warns on every connection otherwise.
                        .serverDefaultProtocol()
                        .build())) {
            return Optional.ofNullable(call.apply(jedis));
        } catch (JedisException notNow) {
            return Optional.empty();
        }
    }

    /** One field of {@code INFO <section>} of the process on the port; empty when it does not answer. */
    static Optional<String> infoField(int port, String section, String field) {
        return ask(port, jedis -> jedis.info(section)).flatMap(info -> field(info, field));
    }

    /** One field of {@code CLUSTER INFO} of the node on the port; empty when it does not answer. */
    static Optional<String> clusterInfoField(int port, String field) {
        return ask(port, Jedis::clusterInfo).flatMap(info -> field(info, field));
    }

    private static Optional<String> field(String info, String field) {
        return info.lines()
                .filter(line -> line.startsWith(field + ":"))
                .map(line -> line.substring(field.length() + 1).strip())
                .findFirst();
    }

    /** Returns once {@code condition} holds; fails naming {@code what} after {@code bound}, a guard against hangs. */
    static void awaitUntil(String what, Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting after " + bound + " for " + what);
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    /** The processes as a comma-separated list of {@code host:port}, as {@code taskregistry.redis.nodes} takes it. */
    static String setting(List<RedisServerProcess> processes) {
        return processes.stream().map(node -> "127.0.0.1:" + node.port()).collect(Collectors.joining(","));
    }

    static List<HostAndPort> addresses(List<RedisServerProcess> processes) {
        return processes.stream()
                .map(node -> new HostAndPort("127.0.0.1", node.port()))
                .toList();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
