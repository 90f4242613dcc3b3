package dev.taskregistry.adapters.redis;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which kind of Redis deployment holds the registry ({@code taskregistry.redis.mode}) and where to find it:
 * one server (the URL's host and port), a Sentinel set (the sentinels and the master's name) or a Cluster
 * (seed nodes). Built by {@link #of}, whose errors name the key that is wrong.
 */
public sealed interface RedisDeployment {

    String MODE_KEY = "taskregistry.redis.mode";
    String NODES_KEY = "taskregistry.redis.nodes";
    String SENTINEL_MASTER_KEY = "taskregistry.redis.sentinel.master";

    /** The value of {@code taskregistry.redis.mode} for this kind. */
    String mode();

    /** One Redis server, the host and port of {@code taskregistry.redis.url}. */
    record Standalone() implements RedisDeployment {
        @Override
        public String mode() {
            return "standalone";
        }

        @Override
        public String toString() {
            return mode();
        }
    }

    /** A master that Redis Sentinel watches and fails over, found by asking the sentinels for {@code masterName}. */
    record Sentinel(String masterName, List<RedisNode> sentinels) implements RedisDeployment {
        public Sentinel {
            Objects.requireNonNull(masterName, "masterName");
            sentinels = List.copyOf(sentinels);
        }

        @Override
        public String mode() {
            return "sentinel";
        }

        @Override
        public String toString() {
            return "sentinel(master=" + masterName + ", sentinels=" + sentinels + ")";
        }
    }

    /** A Redis Cluster, discovered from any of its {@code seeds}. */
    record Cluster(List<RedisNode> seeds) implements RedisDeployment {
        public Cluster {
            seeds = List.copyOf(seeds);
        }

        @Override
        public String mode() {
            return "cluster";
        }

        @Override
        public String toString() {
            return "cluster(seeds=" + seeds + ")";
        }
    }

    static RedisDeployment standalone() {
        return new Standalone();
    }

    /**
     * The deployment the three keys describe.
     *
     * @param mode       {@code standalone}, {@code sentinel} or {@code cluster} (case and surrounding blanks ignored)
     * @param nodes      {@code host:port,host:port}: the sentinels, or the cluster's seed nodes; unset for standalone
     * @param masterName the master's name in Sentinel; only for {@code sentinel}
     * @throws IllegalArgumentException naming the key that is missing, malformed or set where it means nothing
     */
    static RedisDeployment of(String mode, Optional<String> nodes, Optional<String> masterName) {
        String kind = mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT);
        Optional<String> master = masterName.map(String::strip).filter(name -> !name.isEmpty());
        Optional<String> nodeList = nodes.filter(list -> !list.isBlank());
        return switch (kind) {
            case "standalone" -> {
                rejectSet(nodeList, NODES_KEY, "standalone, where the server is 'taskregistry.redis.url'");
                rejectSet(master, SENTINEL_MASTER_KEY, "standalone");
                yield standalone();
            }
            case "sentinel" ->
                new Sentinel(
                        master.orElseThrow(() -> new IllegalArgumentException("'" + SENTINEL_MASTER_KEY
                                + "' is required with mode sentinel: the name the sentinels monitor the master under")),
                        RedisNode.parseList(required(nodeList, "sentinel", "the sentinels"), NODES_KEY));
            case "cluster" -> {
                rejectSet(master, SENTINEL_MASTER_KEY, "cluster");
                yield new Cluster(RedisNode.parseList(required(nodeList, "cluster", "seed nodes"), NODES_KEY));
            }
            default ->
                throw new IllegalArgumentException(
                        "'" + MODE_KEY + "' must be standalone, sentinel or cluster, was '" + mode + "'");
        };
    }

    private static String required(Optional<String> nodes, String mode, String what) {
        return nodes.orElseThrow(() -> new IllegalArgumentException(
                "'" + NODES_KEY + "' is required with mode " + mode + ": " + what + " as host:port,host:port"));
    }

    private static void rejectSet(Optional<String> value, String key, String mode) {
        if (value.isPresent()) {
            throw new IllegalArgumentException(
                    "'" + key + "' means nothing with mode " + mode + "; unset it or set '" + MODE_KEY + "'");
        }
    }
}
