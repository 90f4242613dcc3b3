package dev.taskregistry.benchmarks.shards;

import dev.taskregistry.adapters.redis.RedisTaskRepository;
import dev.taskregistry.benchmarks.BenchmarkTasks;
import dev.taskregistry.benchmarks.shards.ClusterTopology.Node;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Listing and stats of registries of 1 to 48 shards at 1k to 1M tasks on the cluster, and the memory a task costs.
 * At each size the cluster is emptied, every layout is loaded in turn through {@code registerAll} (the
 * {@code used_memory} growth of the masters over that load is the layout's), then the operations are timed call by
 * call, the layouts taking turns per operation and round, so that their ratios are of the same minutes. Each shard
 * registry's slots are spread evenly over the masters ({@link ShardSlots#balance}) before anything is loaded.
 */
final class ShardScaleRun {

    /** What is timed, on a registry whose tasks are {@link BenchmarkTasks#numbered}: 4 types, 5 statuses. */
    enum Operation {
        LIST("list", repository -> repository.list(TaskFilter.all(), PageRequest.first(PAGE))),
        LIST_BY_STATUS(
                "list status=running",
                repository -> repository.list(TaskFilter.of(TaskStatus.RUNNING, null), PageRequest.first(PAGE))),
        LIST_BY_TYPE_AND_STATUS(
                "list type+status",
                repository -> repository.list(
                        TaskFilter.of(TaskStatus.RUNNING, TaskType.of("bond_pricing")), PageRequest.first(PAGE))),
        STATS("stats", RedisTaskRepository::stats);

        final String label;
        final Function<RedisTaskRepository, Object> call;

        Operation(String label, Function<RedisTaskRepository, Object> call) {
            this.label = label;
            this.call = call;
        }
    }

    record LatencyRow(
            int size,
            int shards,
            Operation operation,
            int round,
            int calls,
            long errors,
            double medianMicros,
            double p99Micros,
            String commandsPerCall) {}

    record MemoryRow(int size, int shards, long[] perMaster, long streamBytes, double loadSeconds, String note) {

        long total() {
            long sum = 0;
            for (long bytes : perMaster) {
                sum += bytes;
            }
            return sum;
        }
    }

    static final int PAGE = PageRequest.DEFAULT_LIMIT;
    private static final int BATCH = 10_000;
    private static final Duration LIFETIME = Duration.ofHours(6);
    private static final double WARM_UP_SECONDS = 0.5;
    private static final int MIN_CALLS = 20;
    /** A loaded task costs about 1 KB on its master and as much on the replica; what else must stay free. */
    private static final long BYTES_PER_TASK_BOUND = 2_400;

    private static final long SPARE_BYTES = 3L << 30;
    private static final List<String> COUNTED = List.of("evalsha", "zrange", "mget", "smembers", "get");

    private final ShardCluster cluster;
    private final double cellSeconds;
    final List<LatencyRow> latencies = new ArrayList<>();
    final List<MemoryRow> memory = new ArrayList<>();

    ShardScaleRun(ShardCluster cluster, double cellSeconds) {
        this.cluster = cluster;
        this.cellSeconds = cellSeconds;
    }

    static String prefix(int shards) {
        return "scale-s" + shards;
    }

    void run(List<Integer> sizes, List<Integer> layouts, int rounds, PrintStream out) {
        cluster.flush();
        for (int shards : layouts) {
            if (shards > 1) {
                cluster.slots.balance(prefix(shards), shards, out);
            }
            out.println("[shards] " + prefix(shards) + ": shards per master "
                    + cluster.slots.shardsPerMaster(prefix(shards), shards));
        }
        for (int size : sizes) {
            cluster.flush();
            Map<Integer, RedisTaskRepository> loaded = new LinkedHashMap<>();
            try {
                for (int shards : layouts) {
                    load(size, shards, out).ifPresent(repository -> loaded.put(shards, repository));
                }
                for (int round = 1; round <= rounds; round++) {
                    for (Operation operation : Operation.values()) {
                        List<Integer> order = new ArrayList<>(loaded.keySet());
                        // Each round starts with another layout, so none is always measured first after a switch.
                        Collections.rotate(order, -(round - 1));
                        for (int shards : order) {
                            LatencyRow row = measure(size, shards, loaded.get(shards), operation, round);
                            latencies.add(row);
                            out.printf(
                                    "[shards] %,9d tasks S=%-2d %-20s round %d: median %8.1f us  p99 %8.1f us"
                                            + "  (%d calls, %d errors; per call %s)%n",
                                    size,
                                    shards,
                                    operation.label,
                                    round,
                                    row.medianMicros(),
                                    row.p99Micros(),
                                    row.calls(),
                                    row.errors(),
                                    row.commandsPerCall());
                        }
                    }
                }
            } finally {
                loaded.values().forEach(RedisTaskRepository::close);
            }
        }
        cluster.flush();
    }

    /** Loads {@code size} tasks into the layout's registry, unless the machine lacks the memory for them. */
    private Optional<RedisTaskRepository> load(int size, int shards, PrintStream out) {
        long available = memAvailable();
        long needed = size * BYTES_PER_TASK_BOUND + SPARE_BYTES;
        if (available < needed) {
            String note = String.format(
                    "skipped: MemAvailable %.1f GiB, needs about %.1f GiB",
                    available / 1073741824.0, needed / 1073741824.0);
            out.println("[shards] " + size + " tasks S=" + shards + " " + note);
            memory.add(new MemoryRow(size, shards, new long[0], 0, 0, note));
            return Optional.empty();
        }
        RedisTaskRepository repository = cluster.repository(prefix(shards), shards);
        cluster.awaitReplicas();
        List<MasterSnapshot> before = cluster.snapshot();
        long started = System.nanoTime();
        Instant now = Clock.systemUTC().instant();
        Instant expiryBase = now.plus(LIFETIME);
        for (int start = 0; start < size; start += BATCH) {
            List<Task> batch = new ArrayList<>(BATCH);
            for (int n = start; n < Math.min(size, start + BATCH); n++) {
                batch.add(BenchmarkTasks.numbered(n, now, expiryBase));
            }
            repository.registerAll(batch);
        }
        double took = (System.nanoTime() - started) / 1e9;
        cluster.awaitReplicas();
        List<MasterSnapshot> after = cluster.snapshot();
        long[] perMaster = new long[after.size()];
        for (int m = 0; m < after.size(); m++) {
            perMaster[m] = after.get(m).usedMemory() - before.get(m).usedMemory();
        }
        long total = repository.stats().total();
        int page = repository
                .list(TaskFilter.all(), PageRequest.first(PAGE))
                .items()
                .size();
        String note = total == size && page == Math.min(PAGE, size)
                ? ""
                : "not as loaded: stats total " + total + ", first page " + page;
        MemoryRow row = new MemoryRow(size, shards, perMaster, streamBytes(shards), took, note);
        memory.add(row);
        out.printf(
                "[shards] loaded %,d tasks S=%d in %.1f s: used_memory +%,d B (%.0f B/task; streams %,d B) %s%n",
                size, shards, took, row.total(), (double) row.total() / size, row.streamBytes(), note);
        return Optional.of(repository);
    }

    private LatencyRow measure(int size, int shards, RedisTaskRepository repository, Operation operation, int round) {
        long warmEnd = System.nanoTime() + (long) (WARM_UP_SECONDS * 1e9);
        for (int n = 0; n < MIN_CALLS || System.nanoTime() < warmEnd; n++) {
            callQuietly(repository, operation);
        }
        List<MasterSnapshot> before = cluster.snapshot();
        Latencies times = new Latencies();
        long errors = 0;
        long end = System.nanoTime() + (long) (cellSeconds * 1e9);
        while (times.count() < MIN_CALLS || System.nanoTime() < end) {
            long started = System.nanoTime();
            if (callQuietly(repository, operation)) {
                times.add(System.nanoTime() - started);
            } else if (++errors > 1000) {
                break;
            }
        }
        List<MasterSnapshot> after = cluster.snapshot();
        Map<String, Long> calls = MasterSnapshot.callsSince(before, after);
        Map<String, String> perCall = new TreeMap<>();
        for (String command : COUNTED) {
            long count = calls.getOrDefault(command, 0L);
            if (count > 0 && times.count() > 0) {
                perCall.put(command, String.format("%.1f", (double) count / times.count()));
            }
        }
        return new LatencyRow(
                size,
                shards,
                operation,
                round,
                times.count(),
                errors,
                times.medianMicros(),
                times.p99Micros(),
                perCall.toString());
    }

    /** A benchmark reports what it saw: a failed call is counted, not timed, and does not end the run. */
    private static boolean callQuietly(RedisTaskRepository repository, Operation operation) {
        try {
            operation.call.apply(repository);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** What the shards' change streams hold (each retains about 10,000 events, whatever the registry's size). */
    private long streamBytes(int shards) {
        ClusterTopology topology = ClusterTopology.of(cluster.seed, cluster.config);
        long bytes = 0;
        for (int k = 0; k < shards; k++) {
            String key = ShardSlots.tag(prefix(shards), shards, k) + ":events";
            Node owner = topology.ownerOf(JedisClusterCRC16.getSlot(key)).orElseThrow();
            try (Jedis node = new Jedis(owner.address(), cluster.config)) {
                Long usage = node.memoryUsage(key.getBytes(StandardCharsets.UTF_8), 0);
                bytes += usage == null ? 0 : usage;
            }
        }
        return bytes;
    }

    private static long memAvailable() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                            .filter(line -> line.startsWith("MemAvailable:"))
                            .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                            .findFirst()
                            .orElse(Long.MAX_VALUE / 1024)
                    * 1024;
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
