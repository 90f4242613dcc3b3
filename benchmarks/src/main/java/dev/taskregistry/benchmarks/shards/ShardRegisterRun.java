package dev.taskregistry.benchmarks.shards;

import dev.taskregistry.adapters.redis.RedisTaskRepository;
import dev.taskregistry.benchmarks.BenchmarkTasks;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Registrations per second, single {@code register} calls from 8 threads sharing one repository (as a worker's
 * request threads do), and what each master spent on them: S = 1, S = 12 as CRC16 hashes the shard tags, and S =
 * 12 after {@link ShardSlots#balance}. The registries take turns within each round, so their ratios are of the same
 * minute of a noisy machine.
 */
final class ShardRegisterRun {

    /** One registry under test. */
    record Registry(String label, int shards, boolean balanced, String prefix) {}

    /** One registry's measured stretch in one round. */
    record Row(
            int round,
            Registry registry,
            double seconds,
            long calls,
            long errors,
            String firstError,
            double[] cpuPercent,
            double[] evalshaMillis) {

        double opsPerSecond() {
            return calls / seconds;
        }
    }

    private static final Clock CLOCK = Clock.systemUTC();

    private final ShardCluster cluster;
    private final int threads;
    private final double warmUpSeconds;
    private final double seconds;

    ShardRegisterRun(ShardCluster cluster, int threads, double warmUpSeconds, double seconds) {
        this.cluster = cluster;
        this.threads = threads;
        this.warmUpSeconds = warmUpSeconds;
        this.seconds = seconds;
    }

    /**
     * Fixed prefixes, so every run on a cluster created by {@code redis-cli --cluster create} (even slot ranges) sees
     * the same placement: the service's default prefix {@code taskregistry} with 12 shards lands 6/3/3 as hashed.
     */
    static List<Registry> registries() {
        return List.of(
                new Registry("S=1", 1, false, "reg-s1"),
                new Registry("S=12 hashed", 12, false, "taskregistry"),
                new Registry("S=12 balanced", 12, true, "reg-s12-even"));
    }

    List<Row> run(List<Registry> registries, int rounds, PrintStream out) {
        for (Registry registry : registries) {
            out.println("[shards] " + registry.label() + " (" + registry.prefix() + "):");
            if (registry.balanced()) {
                cluster.slots.balance(registry.prefix(), registry.shards(), out);
            }
            cluster.slots.print(registry.prefix(), registry.shards(), out);
        }
        List<Row> rows = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (Registry registry : registries) {
                try (RedisTaskRepository repository = cluster.repository(registry.prefix(), registry.shards())) {
                    register(repository, warmUpSeconds);
                    List<MasterSnapshot> before = cluster.snapshot();
                    long started = System.nanoTime();
                    Outcome outcome = register(repository, seconds);
                    double took = (System.nanoTime() - started) / 1e9;
                    List<MasterSnapshot> after = cluster.snapshot();
                    double[] cpu = new double[after.size()];
                    double[] evalsha = new double[after.size()];
                    for (int m = 0; m < after.size(); m++) {
                        cpu[m] = (after.get(m).cpuSeconds() - before.get(m).cpuSeconds()) / took * 100;
                        evalsha[m] = after.get(m).usecSince(before.get(m), "evalsha") / 1e3;
                    }
                    Row row = new Row(
                            round, registry, took, outcome.calls, outcome.errors, outcome.firstError, cpu, evalsha);
                    rows.add(row);
                    out.printf(
                            "[shards] register round %d %-14s %,8.0f ops/s  master CPU %% %s (spread %.0f%%)"
                                    + "  EVALSHA ms %s (spread %.0f%%)  errors %d%n",
                            round,
                            registry.label(),
                            row.opsPerSecond(),
                            format(cpu),
                            Latencies.spread(cpu) * 100,
                            format(evalsha),
                            Latencies.spread(evalsha) * 100,
                            outcome.errors);
                }
            }
        }
        return rows;
    }

    private record Outcome(long calls, long errors, String firstError) {}

    /** {@code threads} threads registering new tasks for {@code forSeconds}; failures are counted, not thrown. */
    private Outcome register(RedisTaskRepository repository, double forSeconds) {
        long deadline = System.nanoTime() + (long) (forSeconds * 1e9);
        AtomicLong calls = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>("");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String tag = "t" + t + "-" + UUID.randomUUID().toString().substring(0, 8) + "-";
                running.add(pool.submit(() -> {
                    long n = 0;
                    while (System.nanoTime() < deadline) {
                        try {
                            repository.register(BenchmarkTasks.pending(tag + n++, CLOCK.instant()));
                            calls.incrementAndGet();
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet("", e.toString());
                        }
                    }
                }));
            }
            for (Future<?> thread : running) {
                thread.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("a registering thread failed", e);
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(calls.get(), errors.get(), firstError.get());
    }

    static String format(double[] values) {
        List<String> parts = new ArrayList<>();
        for (double value : values) {
            parts.add(String.format("%.0f", value));
        }
        return String.join(" / ", parts);
    }
}
