package dev.taskregistry.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster of 3 masters and 3 replicas, {@code redis-server} processes on free ports of 127.0.0.1
 * ({@code cluster-node-timeout 1000}, in memory), for tests on Cluster and its failover. {@link #shared()} is
 * one per JVM, started on first use (about 2.5 s) and stopped when the JVM exits; tests keep apart by key
 * prefix. {@link #start()} is one of a test's own, to close.
 */
public final class TestRedisCluster implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TestRedisCluster.class.getName());
    private static final int MASTERS = 3;
    private static final int NODES = 2 * MASTERS;
    private static final Duration BOUND = Duration.ofSeconds(30);

    private static final SharedDeployment<TestRedisCluster> SHARED =
            new SharedDeployment<>("test cluster", TestRedisCluster::start);

    private final List<RedisServerProcess> nodes = new ArrayList<>();

    private TestRedisCluster() {}

    /** The cluster the tests of this JVM share, started on first use; its processes stop when the JVM exits. */
    public static TestRedisCluster shared() {
        return SHARED.get();
    }

    /** A cluster of the caller's own: formed, every slot served, every replica in sync. Close it. */
    public static TestRedisCluster start() {
        long started = System.nanoTime();
        TestRedisCluster cluster = new TestRedisCluster();
        try {
            for (int i = 0; i < NODES; i++) {
                cluster.nodes.add(RedisServerProcess.start(RedisServerOptions.inMemory()
                        .with(
                                "--cluster-enabled", "yes",
                                "--cluster-config-file", "nodes.conf",
                                "--cluster-port", String.valueOf(Deployments.freePort()),
                                "--cluster-node-timeout", "1000",
                                "--repl-diskless-sync-delay", "0")));
            }
            cluster.create();
            cluster.awaitHealthy();
        } catch (RuntimeException failure) {
            cluster.close();
            throw failure;
        }
        LOG.log(
                System.Logger.Level.INFO,
                "Test Redis Cluster at {0}, ready after {1} ms",
                cluster.nodesSetting(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return cluster;
    }

    /** Every node, as {@code taskregistry.redis.nodes} names seed nodes: {@code 127.0.0.1:p1,127.0.0.1:p2,...}. */
    public String nodesSetting() {
        return Deployments.setting(nodes);
    }

    public List<HostAndPort> nodeAddresses() {
        return Deployments.addresses(nodes);
    }

    /** Every node's process, to crash, stop or start again. */
    public List<RedisServerProcess> nodes() {
        return List.copyOf(nodes);
    }

    /** The process of the master that serves {@code key}'s slot now, as the running nodes see it. */
    public RedisServerProcess masterOf(String key) {
        int slot = JedisClusterCRC16.getSlot(key);
        return table().stream()
                .filter(node -> node.isMaster() && node.serves(slot))
                .map(node -> process(node.port()))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no master serves slot " + slot + " now"));
    }

    /** The processes of the replicas of {@code key}'s master. */
    public List<RedisServerProcess> replicasOf(String key) {
        List<ClusterNodeLine> table = table();
        String masterId = table.stream()
                .filter(node -> node.port() == masterOf(key).port())
                .findFirst()
                .orElseThrow()
                .id();
        return table.stream()
                .filter(node -> masterId.equals(node.masterId()))
                .map(node -> process(node.port()))
                .toList();
    }

    /**
     * Promotes a replica of {@code key}'s master with {@code CLUSTER FAILOVER} (graceful: no write is lost) and
     * returns once the cluster is healthy again with that replica serving the slot.
     */
    public RedisServerProcess failOver(String key) {
        RedisServerProcess replica = replicasOf(key).getFirst();
        Deployments.ask(replica.port(), jedis -> jedis.clusterFailover())
                .orElseThrow(
                        () -> new IllegalStateException("replica " + replica.port() + " refused CLUSTER FAILOVER"));
        Deployments.awaitUntil(
                "replica " + replica.port() + " serving the slot of " + key,
                BOUND,
                () -> masterOfOrNone(key).filter(master -> master == replica).isPresent());
        awaitHealthy();
        return replica;
    }

    /**
     * Starts a crashed or stopped node again (same port, same {@code nodes.conf}) once the cluster no longer
     * needs it (a crashed master's slots are served by its promoted replica: restarted earlier, an empty node
     * would come back as their master), and returns when it is a replica in sync and the cluster is healthy.
     */
    public void rejoin(RedisServerProcess node) {
        awaitHealthy();
        node.startAgain();
        Deployments.awaitUntil(
                "node " + node.port() + " back as a replica in sync", BOUND, () -> isSyncedReplica(node.port()));
        awaitHealthy();
    }

    /**
     * Returns once every running node answers {@code cluster_state:ok}, agrees on one master per slot range, and
     * every running replica is in sync with its master: the state after start-up and after a failover (by
     * {@link #failOver} or a crash) has settled.
     */
    public void awaitHealthy() {
        Deployments.awaitUntil("a healthy cluster at " + nodesSetting(), BOUND, this::isHealthy);
    }

    @Override
    public void close() {
        for (RedisServerProcess node : nodes) {
            node.close();
        }
    }

    private void create() {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        nodes.forEach(node -> command.add("127.0.0.1:" + node.port()));
        command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        try {
            Path log = Files.createTempFile("taskregistry-cluster-create-", ".log");
            try {
                Process create = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                if (!create.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                    create.destroyForcibly().waitFor();
                    throw new IllegalStateException("redis-cli --cluster create did not finish within " + BOUND);
                }
                if (create.exitValue() != 0) {
                    throw new IllegalStateException("redis-cli --cluster create failed: " + Files.readString(log));
                }
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the cluster", e);
        }
    }

    private boolean isHealthy() {
        for (RedisServerProcess node : nodes) {
            if (!node.isRunning()) {
                continue;
            }
            if (!Deployments.clusterInfoField(node.port(), "cluster_state").equals(Optional.of("ok"))) {
                return false;
            }
            Optional<String> role = Deployments.infoField(node.port(), "replication", "role");
            if (role.equals(Optional.of("slave"))
                    && !Deployments.infoField(node.port(), "replication", "master_link_status")
                            .equals(Optional.of("up"))) {
                return false;
            }
        }
        List<ClusterNodeLine> table = table();
        long masters = table.stream().filter(ClusterNodeLine::isMaster).count();
        return masters == MASTERS
                && table.stream()
                        .filter(ClusterNodeLine::isMaster)
                        .allMatch(master -> process(master.port()).isRunning());
    }

    private static boolean isSyncedReplica(int port) {
        return Deployments.infoField(port, "replication", "role").equals(Optional.of("slave"))
                && Deployments.infoField(port, "replication", "master_link_status")
                        .equals(Optional.of("up"));
    }

    private Optional<RedisServerProcess> masterOfOrNone(String key) {
        try {
            return Optional.of(masterOf(key));
        } catch (IllegalStateException notNow) {
            return Optional.empty();
        }
    }

    /** CLUSTER NODES as a running node answers it: masters that are not failed, with their slots. */
    private List<ClusterNodeLine> table() {
        for (RedisServerProcess node : nodes) {
            if (node.isRunning()) {
                Optional<String> answer = Deployments.ask(node.port(), jedis -> jedis.clusterNodes());
                if (answer.isPresent()) {
                    return answer.get().lines().map(ClusterNodeLine::parse).toList();
                }
            }
        }
        throw new IllegalStateException("no node of the cluster answers");
    }

    private RedisServerProcess process(int port) {
        return nodes.stream()
                .filter(node -> node.port() == port)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of this cluster on port " + port));
    }
}
