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

/**
 * A Redis Sentinel set: 1 master, 2 replicas and 3 sentinels ({@code down-after-milliseconds 1000},
 * {@code failover-timeout 5000}, quorum 2), {@code redis-server} processes on free ports of 127.0.0.1, in memory.
 * {@link #shared()} is one per JVM, started on first use (about 2.5 s) and stopped when the JVM exits; tests
 * keep apart by key prefix. {@link #start()} is one of a test's own, to close.
 */
public final class TestRedisSentinel implements AutoCloseable {

    /** The master's name in Sentinel ({@code taskregistry.redis.sentinel.master}). */
    public static final String MASTER_NAME = "taskregistry";

    private static final System.Logger LOG = System.getLogger(TestRedisSentinel.class.getName());
    private static final int REPLICAS = 2;
    private static final int SENTINELS = 3;
    private static final Duration BOUND = Duration.ofSeconds(30);
    /** Longer than down-after-milliseconds: a master the sentinels still agree on after it is not failing over. */
    private static final Duration STABLE_FOR = Duration.ofMillis(1500);

    private static final SharedDeployment<TestRedisSentinel> SHARED =
            new SharedDeployment<>("test Sentinel set", TestRedisSentinel::start);

    private final List<RedisServerProcess> dataNodes = new ArrayList<>();
    private final List<RedisServerProcess> sentinels = new ArrayList<>();
    private final List<Path> configDirs = new ArrayList<>();

    private TestRedisSentinel() {}

    /** The set the tests of this JVM share, started on first use; its processes stop when the JVM exits. */
    public static TestRedisSentinel shared() {
        return SHARED.get();
    }

    /** A set of the caller's own, every replica in sync and every sentinel aware of all of them. Close it. */
    public static TestRedisSentinel start() {
        long started = System.nanoTime();
        TestRedisSentinel set = new TestRedisSentinel();
        try {
            RedisServerProcess master = RedisServerProcess.start(replicaOptions());
            set.dataNodes.add(master);
            for (int i = 0; i < REPLICAS; i++) {
                set.dataNodes.add(RedisServerProcess.start(
                        replicaOptions().with("--replicaof", "127.0.0.1", String.valueOf(master.port()))));
            }
            for (int i = 0; i < SENTINELS; i++) {
                set.sentinels.add(RedisServerProcess.start(RedisServerOptions.inMemory()
                        .withConfigFile(set.sentinelConfig(master.port()))
                        .with("--sentinel")));
            }
            set.awaitMaster(Duration.ZERO);
        } catch (RuntimeException failure) {
            set.close();
            throw failure;
        }
        LOG.log(
                System.Logger.Level.INFO,
                "Test Redis Sentinel set at {0} (master {1}), ready after {2} ms",
                set.sentinelsSetting(),
                MASTER_NAME,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return set;
    }

    /** The sentinels, as {@code taskregistry.redis.nodes} names them: {@code 127.0.0.1:p1,127.0.0.1:p2,...}. */
    public String sentinelsSetting() {
        return Deployments.setting(sentinels);
    }

    public List<HostAndPort> sentinelAddresses() {
        return Deployments.addresses(sentinels);
    }

    /** The master and the replicas, to crash, stop or start again. */
    public List<RedisServerProcess> dataNodes() {
        return List.copyOf(dataNodes);
    }

    public List<RedisServerProcess> sentinels() {
        return List.copyOf(sentinels);
    }

    /** The process the running sentinels name as master now (they may disagree during a failover). */
    public RedisServerProcess master() {
        return reportedMaster().orElseThrow(() -> new IllegalStateException("no sentinel names a master now"));
    }

    /** {@code SENTINEL FAILOVER} (graceful); returns the new master once it is stable. */
    public RedisServerProcess failOver() {
        RedisServerProcess old = master();
        Deployments.ask(sentinels.getFirst().port(), jedis -> jedis.sentinelFailover(MASTER_NAME))
                .orElseThrow(() -> new IllegalStateException("the sentinel refused SENTINEL FAILOVER"));
        Deployments.awaitUntil(
                "a master other than " + old.port(),
                BOUND,
                () -> reportedMaster().filter(master -> master != old).isPresent());
        return awaitStableMaster();
    }

    /**
     * {@code SENTINEL FAILOVER} as {@link #failOver}, but once every running sentinel names the new master (the
     * end of the failover, when clients switch), the old master is pointed at it here: a sentinel does that
     * itself only some 10 s later, once it has seen the old master still reporting as one. Returns the new master
     * once it is stable with every replica in sync, after about 2 s instead of 12.
     */
    public RedisServerProcess failOverAndDemoteTheOldMaster() {
        RedisServerProcess old = master();
        Deployments.ask(sentinels.getFirst().port(), jedis -> jedis.sentinelFailover(MASTER_NAME))
                .orElseThrow(() -> new IllegalStateException("the sentinel refused SENTINEL FAILOVER"));
        RedisServerProcess[] promoted = {null};
        Deployments.awaitUntil("every sentinel naming a master other than " + old.port(), BOUND, () -> {
            promoted[0] =
                    masterNamedByEverySentinel().filter(master -> master != old).orElse(null);
            return promoted[0] != null;
        });
        Deployments.ask(old.port(), jedis -> jedis.replicaof("127.0.0.1", promoted[0].port()))
                .orElseThrow(() -> new IllegalStateException("the old master " + old.port() + " refused REPLICAOF"));
        return awaitStableMaster();
    }

    /**
     * Returns the master once every running sentinel names it, it answers as master, every running replica is in
     * sync with it, and this has held for longer than down-after-milliseconds (a sentinel can otherwise fail
     * over a second time right after a first).
     */
    public RedisServerProcess awaitStableMaster() {
        return awaitMaster(STABLE_FOR);
    }

    /**
     * Starts a crashed or stopped data node again as a replica of the current master, once the sentinels agree on
     * one that has every running replica in sync (restarted earlier, an empty former master could be synced
     * from), and returns the master once it is stable with that node in sync. The node comes up as a replica, as
     * one whose configuration Sentinel had rewritten would (started with its original arguments only, a former
     * master would wait some 10 s for a sentinel to demote it), and with {@code replica-serve-stale-data no}: until
     * its first sync it answers MASTERDOWN instead of reading from its empty dataset. A client that has not yet
     * followed the failover and still addresses this port then meets an outage, never a missing task: started as a
     * master first and demoted a moment later, the node answered such a client's GET with nothing, a 404 for a
     * task that the new master held (a CI run's SentinelFailoverIT saw one, with every replica acknowledging).
     */
    public RedisServerProcess rejoin(RedisServerProcess node) {
        RedisServerProcess master = awaitMaster(Duration.ZERO);
        node.startAgain(
                List.of("--replicaof", "127.0.0.1", String.valueOf(master.port()), "--replica-serve-stale-data", "no"));
        return awaitStableMaster();
    }

    private RedisServerProcess awaitMaster(Duration heldFor) {
        long[] agreedSince = {0};
        RedisServerProcess[] agreed = {null};
        Deployments.awaitUntil("a stable master of " + MASTER_NAME, BOUND, () -> {
            Optional<RedisServerProcess> now = settledMaster();
            if (now.isEmpty() || now.get() != agreed[0]) {
                agreed[0] = now.orElse(null);
                agreedSince[0] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - agreedSince[0] >= heldFor.toNanos();
        });
        return agreed[0];
    }

    @Override
    public void close() {
        sentinels.forEach(RedisServerProcess::close);
        dataNodes.forEach(RedisServerProcess::close);
        for (Path dir : configDirs) {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // A temporary file left behind is harmless.
            }
        }
    }

    private Optional<RedisServerProcess> settledMaster() {
        Optional<RedisServerProcess> reported = reportedMaster();
        if (reported.isEmpty()) {
            return Optional.empty();
        }
        int masterPort = reported.get().port();
        for (RedisServerProcess sentinel : sentinels) {
            if (sentinel.isRunning()
                    && !Deployments.ask(sentinel.port(), jedis -> jedis.sentinelGetMasterAddrByName(MASTER_NAME))
                            .map(address -> address.get(1))
                            .equals(Optional.of(String.valueOf(masterPort)))) {
                return Optional.empty();
            }
            // Each sentinel must know the other sentinels, or it cannot reach the quorum for a failover.
            if (sentinel.isRunning()
                    && !Deployments.infoField(sentinel.port(), "sentinel", "master0")
                            .filter(line -> line.contains("status=ok") && line.contains("sentinels=" + SENTINELS))
                            .isPresent()) {
                return Optional.empty();
            }
        }
        if (!Deployments.infoField(masterPort, "replication", "role").equals(Optional.of("master"))) {
            return Optional.empty();
        }
        for (RedisServerProcess node : dataNodes) {
            if (node != reported.get()
                    && node.isRunning()
                    && !(Deployments.infoField(node.port(), "replication", "master_port")
                                    .equals(Optional.of(String.valueOf(masterPort)))
                            && Deployments.infoField(node.port(), "replication", "master_link_status")
                                    .equals(Optional.of("up")))) {
                return Optional.empty();
            }
        }
        return reported;
    }

    private Optional<RedisServerProcess> masterNamedByEverySentinel() {
        Optional<RedisServerProcess> named = reportedMaster();
        for (RedisServerProcess sentinel : sentinels) {
            if (named.isPresent()
                    && sentinel.isRunning()
                    && !Deployments.ask(sentinel.port(), jedis -> jedis.sentinelGetMasterAddrByName(MASTER_NAME))
                            .map(address -> address.get(1))
                            .equals(Optional.of(String.valueOf(named.get().port())))) {
                return Optional.empty();
            }
        }
        return named;
    }

    private Optional<RedisServerProcess> reportedMaster() {
        for (RedisServerProcess sentinel : sentinels) {
            if (sentinel.isRunning()) {
                Optional<Integer> port = Deployments.ask(
                                sentinel.port(), jedis -> jedis.sentinelGetMasterAddrByName(MASTER_NAME))
                        .map(address -> Integer.parseInt(address.get(1)));
                if (port.isPresent()) {
                    return dataNodes.stream()
                            .filter(node -> node.port() == port.get())
                            .findFirst();
                }
            }
        }
        return Optional.empty();
    }

    private Path sentinelConfig(int masterPort) {
        try {
            Path dir = Files.createTempDirectory("taskregistry-sentinel-");
            configDirs.add(dir);
            Path file = dir.resolve("sentinel.conf");
            Files.writeString(file, """
                    sentinel monitor %1$s 127.0.0.1 %2$d 2
                    sentinel down-after-milliseconds %1$s 1000
                    sentinel failover-timeout %1$s 5000
                    sentinel parallel-syncs %1$s 1
                    """.formatted(MASTER_NAME, masterPort));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RedisServerOptions replicaOptions() {
        return RedisServerOptions.inMemory().with("--repl-diskless-sync-delay", "0");
    }
}
