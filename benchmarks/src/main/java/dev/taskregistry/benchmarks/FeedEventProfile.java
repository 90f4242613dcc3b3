package dev.taskregistry.benchmarks;

import dev.taskregistry.adapters.redis.RedisConnection;
import dev.taskregistry.adapters.redis.RedisStoreSettings;
import dev.taskregistry.adapters.redis.RedisTaskRepository;
import dev.taskregistry.domain.FeedSubscription;
import dev.taskregistry.domain.ProgressReport;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskChangeFilter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import redis.clients.jedis.RedisClient;

/**
 * Where the change feed's event cost goes, on the benchmark's own Redis (a main, not a JMH benchmark; #12, point
 * 5). For each case, a script variant ({@link FeedScripts}) and a stream node setting, it registers {@value
 * #FILLED} tasks (a full stream), then {@code --calls} registers and {@code --calls} progress updates of one task
 * through the adapter's repository ({@link ScriptSwappingConnection}, one thread), and reads Redis' own µs per
 * {@code EVALSHA} and per {@code XADD} from {@code INFO commandstats} around each (and, in the case with a
 * subscriber, the {@code XREAD} time of the repository's stream reader per change), and the redis-server's CPU per
 * call from /proc, which also holds what no command's time does (reading requests, writing replies). The cases run in turn, round
 * after round, so they share the machine's noise; the table gives the median over the rounds. Then the memory:
 * {@code used_memory} growth per retained event once a stream is at its retention, filled by progress updates of
 * one task (nothing else grows), for each node setting.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.taskregistry.benchmarks.FeedEventProfile [--rounds 3] [--calls 20000]
 *     [--out feed-profile.tsv]
 * </pre>
 *
 * It sets {@code stream-node-max-bytes} and {@code stream-node-max-entries} with {@code CONFIG SET} and empties
 * the database ({@code FLUSHDB}) between cases: only on a Redis of its own ({@link BenchmarkRedis} refuses port
 * 6379); the server's settings are put back at the end.
 */
public final class FeedEventProfile {

    static final int FILLED = FeedCostBenchmark.FILLED;
    private static final Clock CLOCK = Clock.systemUTC();
    private static final String NODE_BYTES = "stream-node-max-bytes";
    private static final String NODE_ENTRIES = "stream-node-max-entries";

    /** A script variant on a stream node setting. */
    record Case(
            String name, UnaryOperator<FeedScripts.Script> transform, int nodeBytes, int nodeEntries, boolean read) {

        Case(String name, UnaryOperator<FeedScripts.Script> transform, int nodeBytes, int nodeEntries) {
            this(name, transform, nodeBytes, nodeEntries, false);
        }
    }

    /** What one case measured in one round. */
    record Measured(
            String caseName,
            int round,
            String operation,
            long calls,
            double evalshaMicros,
            double xaddMicros,
            double xreadMicrosPerCall,
            double redisCpuMicrosPerCall,
            double clientMicrosPerOp,
            long streamLength,
            long streamBytes,
            long streamNodes) {}

    private FeedEventProfile() {}

    public static void main(String[] args) {
        int rounds = 3;
        int calls = 20_000;
        Path out = null;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--calls" -> calls = Integer.parseInt(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Case> cases = List.of(
                new Case("no event (before the feed)", FeedScripts::withoutEvent, 4096, 100),
                new Case("event as shipped", UnaryOperator.identity(), 4096, 100),
                new Case("event without its task (not the contract)", FeedScripts::eventWithoutTask, 4096, 100),
                new Case("event of kind and task only (another format)", FeedScripts::eventKindAndTask, 4096, 100),
                new Case("event untrimmed (not the contract)", FeedScripts::eventUntrimmed, 4096, 100),
                new Case("event, MAXLEN = (exact trim)", FeedScripts::eventTrimmedExactly, 4096, 100),
                new Case("event, nodes of 100 entries (node-max-bytes 0)", UnaryOperator.identity(), 0, 100),
                new Case("event, nodes of 64 KiB (node-max-bytes 65536)", UnaryOperator.identity(), 65536, 100),
                new Case("event, nodes of 1000 entries (0 / 1000)", UnaryOperator.identity(), 0, 1000),
                new Case("event as shipped, one subscriber reading", UnaryOperator.identity(), 4096, 100, true));
        try (RedisClient raw = BenchmarkRedis.rawClient()) {
            String bytesBefore = raw.configGet(NODE_BYTES).get(NODE_BYTES);
            String entriesBefore = raw.configGet(NODE_ENTRIES).get(NODE_ENTRIES);
            try {
                List<Measured> all = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    for (Case c : cases) {
                        all.addAll(measure(raw, c, round, calls));
                    }
                }
                List<String> memory = new ArrayList<>();
                for (int[] node : new int[][] {{4096, 100}, {0, 100}, {65536, 100}, {0, 1000}}) {
                    memory.add(memory(raw, node[0], node[1]));
                }
                // The raw rows first: a table that fails to print loses nothing.
                if (out != null) {
                    write(out, all, memory);
                }
                report(System.out, all, memory);
            } finally {
                raw.configSet(NODE_BYTES, bytesBefore);
                raw.configSet(NODE_ENTRIES, entriesBefore);
                raw.flushDB();
            }
        }
    }

    private static List<Measured> measure(RedisClient raw, Case c, int round, int calls) {
        raw.flushDB();
        raw.configSet(NODE_BYTES, String.valueOf(c.nodeBytes()));
        raw.configSet(NODE_ENTRIES, String.valueOf(c.nodeEntries()));
        FeedScripts.Script register = FeedScripts.shipped("register.lua");
        FeedScripts.Script update = FeedScripts.shipped("update.lua");
        String prefix = "bench-feed-profile-" + UUID.randomUUID();
        try (RedisTaskRepository repository = repository(
                prefix,
                register,
                c.transform().apply(register),
                update,
                c.transform().apply(update))) {
            repository.warmUp();
            for (int i = 0; i < FILLED; i++) {
                repository.register(BenchmarkTasks.pending("fill-" + i, CLOCK.instant()));
            }
            Reading reading = c.read() ? new Reading(prefix) : null;
            try {
                return measureCalls(raw, c, round, calls, prefix, repository);
            } finally {
                if (reading != null) {
                    reading.close();
                }
            }
        }
    }

    /**
     * A subscriber of the registry's change feed in this process, as a service with one open SSE stream has: the
     * repository's stream reader ({@code XREAD BLOCK}) and a virtual thread taking every change. On a repository of
     * its own (the shipped scripts; it only reads), so the reader's commands go to Redis as the service sends them.
     */
    private static final class Reading implements AutoCloseable {
        private final RedisTaskRepository reader;
        private final FeedSubscription subscription;
        private final Thread taker;

        Reading(String prefix) {
            reader = BenchmarkRedis.repository(prefix);
            subscription = reader.changeFeed().subscribe(TaskChangeFilter.all(), Optional.empty());
            taker = Thread.ofVirtual().start(() -> {
                try {
                    while (subscription.isOpen()) {
                        subscription.next(Duration.ofSeconds(1));
                    }
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        @Override
        public void close() {
            subscription.close();
            try {
                taker.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reader.close();
        }
    }

    private static List<Measured> measureCalls(
            RedisClient raw, Case c, int round, int calls, String prefix, RedisTaskRepository repository) {
        List<Measured> measured = new ArrayList<>();
        long pid = RedisCpuProfiler.pidOf(raw.info("server"));
        Map<String, long[]> before = RedisCommandStatsProfiler.commandStats(raw.info("commandstats"));
        long ticks = RedisCpuProfiler.ticks(pid);
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            repository.register(BenchmarkTasks.pending("reg-" + i, CLOCK.instant()));
        }
        measured.add(measured(raw, c, round, "register", prefix, before, start, pid, ticks));

        Task task = BenchmarkTasks.pending("upd", CLOCK.instant());
        repository.register(task);
        before = RedisCommandStatsProfiler.commandStats(raw.info("commandstats"));
        ticks = RedisCpuProfiler.ticks(pid);
        start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            task = task.reportProgress(ProgressReport.ofSteps(i % 11), CLOCK.instant());
            repository.update(task);
        }
        measured.add(measured(raw, c, round, "update", prefix, before, start, pid, ticks));
        System.err.printf(
                Locale.ROOT,
                "round %d, %s: register %.2f µs, update %.2f µs per EVALSHA%n",
                round,
                c.name(),
                measured.get(0).evalshaMicros(),
                measured.get(1).evalshaMicros());
        return measured;
    }

    private static Measured measured(
            RedisClient raw,
            Case c,
            int round,
            String operation,
            String prefix,
            Map<String, long[]> before,
            long startNanos,
            long pid,
            long startTicks) {
        double elapsedMicros = (System.nanoTime() - startNanos) / 1e3;
        double cpuMicros = (RedisCpuProfiler.ticks(pid) - startTicks) / RedisCpuProfiler.TICKS_PER_SECOND * 1e6;
        Map<String, long[]> after = RedisCommandStatsProfiler.commandStats(raw.info("commandstats"));
        long[] evalsha = delta(before, after, "evalsha");
        long[] xadd = delta(before, after, "xadd");
        long[] xread = delta(before, after, "xread");
        String events = BenchmarkRedis.key(prefix, "events");
        long length = raw.exists(events) ? raw.xlen(events) : 0;
        Long bytes = raw.exists(events) ? raw.memoryUsage(events, 0) : Long.valueOf(0);
        long nodes = raw.exists(events) ? streamNodes(raw, events) : 0;
        return new Measured(
                c.name(),
                round,
                operation,
                evalsha[0],
                perCall(evalsha),
                perCall(xadd),
                xread[0] == 0 ? 0 : (double) xread[1] / evalsha[0],
                cpuMicros / evalsha[0],
                elapsedMicros / evalsha[0],
                length,
                bytes == null ? 0 : bytes,
                nodes);
    }

    /**
     * {@code used_memory} growth per retained entry of a stream at its retention (10,000): one task, then 12,000
     * progress updates through the shipped scripts, so only the stream grows (the task's document is overwritten).
     */
    private static String memory(RedisClient raw, int nodeBytes, int nodeEntries) {
        raw.flushDB();
        raw.configSet(NODE_BYTES, String.valueOf(nodeBytes));
        raw.configSet(NODE_ENTRIES, String.valueOf(nodeEntries));
        FeedScripts.Script register = FeedScripts.shipped("register.lua");
        FeedScripts.Script update = FeedScripts.shipped("update.lua");
        String prefix = "bench-feed-memory-" + UUID.randomUUID();
        try (RedisTaskRepository repository = repository(prefix, register, register, update, update)) {
            repository.warmUp();
            Task task = BenchmarkTasks.pending("memory", CLOCK.instant());
            repository.register(task);
            String events = BenchmarkRedis.key(prefix, "events");
            raw.del(events);
            long empty = usedMemory(raw);
            for (int i = 0; i < FILLED; i++) {
                task = task.reportProgress(ProgressReport.ofSteps(i % 11), CLOCK.instant());
                repository.update(task);
            }
            long used = usedMemory(raw);
            long length = raw.xlen(events);
            long bytes = raw.memoryUsage(events, 0);
            long document = raw.strlen(BenchmarkRedis.taskKey(prefix, task.id().value()));
            long nodes = streamNodes(raw, events);
            return String.format(
                    Locale.ROOT,
                    "%d\t%d\t%d\t%d\t%d\t%d\t%.0f\t%.0f\t%d",
                    nodeBytes,
                    nodeEntries,
                    length,
                    nodes,
                    used - empty,
                    bytes,
                    (double) (used - empty) / length,
                    (double) bytes / length,
                    document);
        }
    }

    /** The stream's nodes (listpacks): the keys of its radix tree. */
    static long streamNodes(RedisClient raw, String key) {
        return raw.xinfoStream(key).getRadixTreeKeys();
    }

    private static long usedMemory(RedisClient raw) {
        return raw.info("memory")
                .lines()
                .filter(line -> line.startsWith("used_memory:"))
                .mapToLong(line ->
                        Long.parseLong(line.substring("used_memory:".length()).strip()))
                .findFirst()
                .orElseThrow();
    }

    private static RedisTaskRepository repository(
            String prefix,
            FeedScripts.Script register,
            FeedScripts.Script registerRun,
            FeedScripts.Script update,
            FeedScripts.Script updateRun) {
        return new RedisTaskRepository(
                new ScriptSwappingConnection(
                        RedisConnection.standalone(
                                new RedisStoreSettings(BenchmarkRedis.url(), prefix, BenchmarkRedis.TIMEOUT)),
                        Map.of(register.sha(), registerRun, update.sha(), updateRun)),
                prefix);
    }

    private static double perCall(long[] callsAndMicros) {
        return callsAndMicros[0] == 0 ? 0 : (double) callsAndMicros[1] / callsAndMicros[0];
    }

    private static long[] delta(Map<String, long[]> before, Map<String, long[]> after, String command) {
        long[] start = before.getOrDefault(command, new long[2]);
        long[] end = after.getOrDefault(command, new long[2]);
        return new long[] {end[0] - start[0], end[1] - start[1]};
    }

    private static void report(PrintStream out, List<Measured> all, List<String> memory) {
        Map<String, List<Measured>> byCase = new LinkedHashMap<>();
        for (Measured m : all) {
            byCase.computeIfAbsent(m.caseName() + "\t" + m.operation(), k -> new ArrayList<>())
                    .add(m);
        }
        out.println(
                "| case | operation | Redis µs per EVALSHA (median; per round) | µs per XADD | XREAD µs per change"
                        + " | Redis CPU µs per call | client µs per call (1 thread) | stream entries | entries per node | stream bytes per entry |");
        out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Map.Entry<String, List<Measured>> entry : byCase.entrySet()) {
            List<Measured> rounds = entry.getValue();
            Measured last = rounds.getLast();
            out.printf(
                    Locale.ROOT,
                    "| %s | `%s` | %.2f (%s) | %.2f | %.2f | %.1f | %.1f | %,d | %s | %s |%n",
                    last.caseName(),
                    last.operation(),
                    median(rounds.stream().mapToDouble(Measured::evalshaMicros).toArray()),
                    String.join(
                            ", ",
                            rounds.stream()
                                    .map(m -> String.format(Locale.ROOT, "%.2f", m.evalshaMicros()))
                                    .toList()),
                    median(rounds.stream().mapToDouble(Measured::xaddMicros).toArray()),
                    median(rounds.stream()
                            .mapToDouble(Measured::xreadMicrosPerCall)
                            .toArray()),
                    median(rounds.stream()
                            .mapToDouble(Measured::redisCpuMicrosPerCall)
                            .toArray()),
                    median(rounds.stream()
                            .mapToDouble(Measured::clientMicrosPerOp)
                            .toArray()),
                    last.streamLength(),
                    last.streamNodes() == 0
                            ? "-"
                            : String.format(Locale.ROOT, "%.1f", (double) last.streamLength() / last.streamNodes()),
                    last.streamLength() == 0 ? "-" : String.valueOf(last.streamBytes() / last.streamLength()));
        }
        out.println();
        out.println("node-max-bytes\tnode-max-entries\tentries\tnodes\tused_memory growth\tMEMORY USAGE\t"
                + "used_memory per entry\tMEMORY USAGE per entry\tdocument bytes");
        memory.forEach(out::println);
    }

    private static void write(Path out, List<Measured> all, List<String> memory) {
        List<String> lines = new ArrayList<>();
        lines.add(
                "case\tround\toperation\tcalls\tevalsha_us\txadd_us\txread_us_per_change\tredis_cpu_us_per_call\tclient_us_per_call\tstream_entries\tstream_bytes\tstream_nodes");
        for (Measured m : all) {
            lines.add(String.format(
                    Locale.ROOT,
                    "%s\t%d\t%s\t%d\t%.3f\t%.3f\t%.3f\t%.2f\t%.2f\t%d\t%d\t%d",
                    m.caseName(),
                    m.round(),
                    m.operation(),
                    m.calls(),
                    m.evalshaMicros(),
                    m.xaddMicros(),
                    m.xreadMicrosPerCall(),
                    m.redisCpuMicrosPerCall(),
                    m.clientMicrosPerOp(),
                    m.streamLength(),
                    m.streamBytes(),
                    m.streamNodes()));
        }
        lines.add("");
        lines.add("node_max_bytes\tnode_max_entries\tentries\tnodes\tused_memory_growth\tmemory_usage\t"
                + "used_memory_per_entry\tmemory_usage_per_entry\tdocument_bytes");
        lines.addAll(memory);
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.write(out, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
