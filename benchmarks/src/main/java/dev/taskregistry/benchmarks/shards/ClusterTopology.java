package dev.taskregistry.benchmarks.shards;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;

/**
 * The nodes of a Redis Cluster as one node's {@code CLUSTER NODES} answers: which are masters, and which slots each
 * master serves. Read fresh each time: a slot move changes it.
 */
record ClusterTopology(List<Node> nodes) {

    /**
     * One line of {@code CLUSTER NODES}: {@code <id> <ip:port@bus[,hostname]> <flags> <master> <ping> <pong> <epoch>
     * <link> <slot ranges...>}.
     */
    record Node(String id, HostAndPort address, boolean master, List<int[]> slotRanges) {

        static Node parse(String line) {
            String[] fields = line.strip().split(" ");
            String address = fields[1].substring(0, fields[1].indexOf('@'));
            int colon = address.lastIndexOf(':');
            List<String> flags = List.of(fields[2].split(","));
            List<int[]> ranges = new ArrayList<>();
            for (int i = 8; i < fields.length; i++) {
                if (fields[i].startsWith("[")) {
                    continue; // a slot being imported or migrated: still served by its owner's range
                }
                String[] bounds = fields[i].split("-");
                int from = Integer.parseInt(bounds[0]);
                ranges.add(new int[] {from, bounds.length == 1 ? from : Integer.parseInt(bounds[1])});
            }
            // "fail?" is one node's suspicion (a master busy past the node timeout), not yet a failover.
            boolean master = flags.contains("master") && !flags.contains("fail");
            return new Node(
                    fields[0],
                    new HostAndPort(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))),
                    master,
                    List.copyOf(ranges));
        }

        boolean serves(int slot) {
            return slotRanges.stream().anyMatch(range -> slot >= range[0] && slot <= range[1]);
        }
    }

    /** The cluster as {@code seed} sees it. */
    static ClusterTopology of(HostAndPort seed, JedisClientConfig config) {
        try (Jedis node = new Jedis(seed, config)) {
            return parse(node.clusterNodes());
        }
    }

    static ClusterTopology parse(String clusterNodes) {
        return new ClusterTopology(clusterNodes
                .lines()
                .filter(line -> !line.isBlank())
                .map(Node::parse)
                .toList());
    }

    /** RESP2, no client name: what every tool here needs of a node. */
    static JedisClientConfig config(Optional<String> user, Optional<String> password) {
        DefaultJedisClientConfig.Builder builder =
                DefaultJedisClientConfig.builder().autoNegotiateProtocol(false).timeoutMillis(10_000);
        user.ifPresent(builder::user);
        password.ifPresent(builder::password);
        return builder.build();
    }

    /** By address, so that two readings list the masters in the same order. */
    List<Node> masters() {
        return nodes.stream()
                .filter(Node::master)
                .sorted(Comparator.comparing(node -> node.address().toString()))
                .toList();
    }

    /** The master serving {@code slot}, if any does. */
    Optional<Node> ownerOf(int slot) {
        return masters().stream().filter(node -> node.serves(slot)).findFirst();
    }
}
