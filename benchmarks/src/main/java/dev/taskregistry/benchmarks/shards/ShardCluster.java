package dev.taskregistry.benchmarks.shards;

import dev.taskregistry.adapters.redis.RedisTaskRepository;
import dev.taskregistry.benchmarks.BenchmarkCluster;
import dev.taskregistry.benchmarks.BenchmarkRedis;
import dev.taskregistry.benchmarks.shards.ClusterTopology.Node;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.args.FlushMode;

/** The benchmark cluster ({@link BenchmarkCluster}) as the shard benchmarks use it: its masters, emptied, settled. */
final class ShardCluster {

    private static final long SETTLE_TIMEOUT_NANOS = 60_000_000_000L;

    final HostAndPort seed = BenchmarkCluster.addresses().getFirst();
    final JedisClientConfig config = ClusterTopology.config(Optional.empty(), Optional.empty());
    final ShardSlots slots = new ShardSlots(seed, config);

    List<Node> masters() {
        return ClusterTopology.of(seed, config).masters();
    }

    /** The registry under {@code prefix} over {@code shards} shards, connected as the service connects. */
    RedisTaskRepository repository(String prefix, int shards) {
        RedisTaskRepository repository = RedisTaskRepository.connect(
                BenchmarkCluster.settings(prefix, BenchmarkRedis.TIMEOUT).withShards(shards));
        repository.warmUp();
        return repository;
    }

    List<MasterSnapshot> snapshot() {
        return MasterSnapshot.of(masters(), config);
    }

    /**
     * FLUSHALL ASYNC on every master (replicas follow), then waits until the keys are freed and the replicas have
     * caught up. Not a synchronous FLUSHALL: freeing a million keys blocks a master for longer than the cluster's
     * node timeout (1 s): in a run the other nodes flagged it as failing, and the run stopped with a slot no master
     * served.
     */
    void flush() {
        for (Node master : masters()) {
            try (Jedis node = new Jedis(master.address(), config)) {
                node.flushAll(FlushMode.ASYNC);
            }
        }
        long deadline = System.nanoTime() + SETTLE_TIMEOUT_NANOS;
        for (Node master : masters()) {
            try (Jedis node = new Jedis(master.address(), config)) {
                while (!node.info("memory").contains("lazyfree_pending_objects:0") && System.nanoTime() < deadline) {
                    pause();
                }
            }
        }
        awaitReplicas();
    }

    /**
     * Until every master's replicas have acknowledged its whole replication stream: while a replica is behind, the
     * master's used_memory also holds the replica's output buffer, which is no task's.
     */
    void awaitReplicas() {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT_NANOS;
        for (Node master : masters()) {
            try (Jedis node = new Jedis(master.address(), config)) {
                while (!caughtUp(node.info("replication")) && System.nanoTime() < deadline) {
                    pause();
                }
            }
        }
    }

    private static boolean caughtUp(String replication) {
        long offset = replication
                .lines()
                .filter(line -> line.startsWith("master_repl_offset:"))
                .mapToLong(line ->
                        Long.parseLong(line.substring(line.indexOf(':') + 1).strip()))
                .findFirst()
                .orElse(0);
        return replication
                .lines()
                .filter(line -> line.startsWith("slave") && line.contains("offset="))
                .allMatch(line -> {
                    String rest = line.substring(line.indexOf("offset=") + "offset=".length());
                    return Long.parseLong(rest.substring(0, rest.indexOf(','))) >= offset;
                });
    }

    static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
