package dev.taskregistry.adapters.redis;

import static org.awaitility.Awaitility.await;

import dev.taskregistry.redis.testing.RedisServerProcess;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * {@code INFO commandstats} of every data node of a deployment (the nodes of a cluster, the master and replicas of a
 * Sentinel set; sentinels keep no command statistics), taken at one moment, to subtract from a later one: how
 * often each command ran on each node in between, whoever sent it. Unlike {@code CONFIG RESETSTAT} it leaves
 * the statistics to the other tests of the JVM; surefire runs test classes one after another, so the
 * difference between two moments of one test method is that test's.
 *
 * <p>A replica counts what its master propagates to it as well, and Redis 7 propagates the writes of one
 * script wrapped in {@code MULTI}/{@code EXEC}: a replica's {@code multi} is not a client's transaction.
 */
final class DeploymentCommandStats {

    private static final Duration BOUND = Duration.ofSeconds(10);

    /** One node at one moment: its port, the port of its master (empty on a master), and calls per command. */
    record Node(int port, Optional<Integer> masterPort, Map<String, Long> calls) {

        boolean isMaster() {
            return masterPort.isEmpty();
        }

        long calls(String command) {
            return calls.getOrDefault(command, 0L);
        }
    }

    private final List<Node> nodes;

    private DeploymentCommandStats(List<Node> nodes) {
        this.nodes = nodes;
    }

    /**
     * The statistics of every running node, once each replica has applied all that its master propagated before:
     * so that nothing written before this moment is counted after it.
     */
    static DeploymentCommandStats take(List<RedisServerProcess> dataNodes) {
        List<RedisServerProcess> running =
                dataNodes.stream().filter(RedisServerProcess::isRunning).toList();
        awaitReplicasInSync(running);
        return new DeploymentCommandStats(
                running.stream().map(node -> node(node.port())).toList());
    }

    /** Calls per command on each node since {@code earlier} (a node that ran a command is in both). */
    List<Node> since(DeploymentCommandStats earlier) {
        return nodes.stream()
                .map(now -> {
                    Map<String, Long> before = earlier.nodes.stream()
                            .filter(node -> node.port() == now.port())
                            .findFirst()
                            .map(Node::calls)
                            .orElse(Map.of());
                    Map<String, Long> delta = new HashMap<>();
                    now.calls().forEach((command, calls) -> {
                        long difference = calls - before.getOrDefault(command, 0L);
                        if (difference != 0) {
                            delta.put(command, difference);
                        }
                    });
                    return new Node(now.port(), now.masterPort(), delta);
                })
                .toList();
    }

    /** Calls per command summed over {@code nodes}. */
    static Map<String, Long> summed(List<Node> nodes) {
        Map<String, Long> sum = new HashMap<>();
        nodes.forEach(node -> node.calls().forEach((command, calls) -> sum.merge(command, calls, Long::sum)));
        return sum;
    }

    private static Node node(int port) {
        try (Jedis jedis = connect(port)) {
            Optional<Integer> masterPort = field(jedis.info("replication"), "role")
                    .filter("slave"::equals)
                    .flatMap(replica -> field(jedis.info("replication"), "master_port"))
                    .map(Integer::valueOf);
            Map<String, Long> calls = new HashMap<>();
            // cmdstat_<name>:calls=<n>,usec=...,rejected_calls=<n>,failed_calls=<n>; a rejected command was sent too.
            jedis.info("commandstats")
                    .lines()
                    .filter(line -> line.startsWith("cmdstat_"))
                    .forEach(line -> {
                        String command = line.substring("cmdstat_".length(), line.indexOf(':'));
                        calls.put(command, number(line, "calls") + number(line, "rejected_calls"));
                    });
            return new Node(port, masterPort, calls);
        }
    }

    private static void awaitReplicasInSync(List<RedisServerProcess> running) {
        for (RedisServerProcess node : running) {
            try (Jedis jedis = connect(node.port())) {
                String replication = jedis.info("replication");
                if (field(replication, "role").filter("master"::equals).isPresent()) {
                    int replicas = Integer.parseInt(
                            field(replication, "connected_slaves").orElse("0"));
                    await().atMost(BOUND).until(() -> jedis.waitReplicas(replicas, BOUND.toMillis() / 4) >= replicas);
                }
            }
        }
    }

    private static Jedis connect(int port) {
        return new Jedis(new HostAndPort("127.0.0.1", port));
    }

    private static Optional<String> field(String info, String name) {
        return info.lines()
                .filter(line -> line.startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).strip())
                .findFirst();
    }

    private static long number(String line, String name) {
        for (String part : line.substring(line.indexOf(':') + 1).split(",")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        return 0;
    }
}
