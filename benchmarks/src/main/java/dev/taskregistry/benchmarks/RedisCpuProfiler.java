package dev.taskregistry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.options.TimeValue;
import redis.clients.jedis.RedisClient;

/**
 * JMH profiler ({@code -prof dev.taskregistry.benchmarks.RedisCpuProfiler}): the CPU the benchmark's
 * redis-server used during each iteration, read from {@code /proc/<pid>/stat} (the pid from INFO server,
 * so the Redis must run on this machine). Reports {@code redis.cpu} (% of one core: 100 means its single
 * command thread is saturated) and {@code redis.us_per_op} (Redis CPU microseconds per benchmark operation).
 */
public final class RedisCpuProfiler implements InternalProfiler {

    /** USER_HZ: the unit of utime and stime in /proc/<pid>/stat on Linux. */
    static final double TICKS_PER_SECOND = 100.0;
    /** utime and stime are fields 14 and 15 of /proc/<pid>/stat, i.e. 11 and 12 counted from field 3. */
    private static final int UTIME_AFTER_NAME = 11;

    private static final int STIME_AFTER_NAME = 12;

    private long pid = -1;
    private long startTicks;
    private long startNanos;

    @Override
    public String getDescription() {
        return "CPU of the benchmark's redis-server per iteration, from /proc/<pid>/stat";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (pid < 0) {
            try (RedisClient client = BenchmarkRedis.rawClient()) {
                pid = pidOf(client.info("server"));
            }
        }
        startTicks = ticks(pid);
        startNanos = System.nanoTime();
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's InternalProfiler declares the raw Result type
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double cores = (ticks(pid) - startTicks) / TICKS_PER_SECOND / seconds;
        double opsPerSecond =
                opsPerSecond(benchmarkParams, result.getPrimaryResult().getScore());
        return List.of(
                new ScalarResult("redis.cpu", cores * 100, "%", AggregationPolicy.AVG),
                new ScalarResult("redis.us_per_op", cores * 1e6 / opsPerSecond, "us/op", AggregationPolicy.AVG));
    }

    /** Operations per second of all threads: a throughput score is ops per time unit, any other a time per op. */
    static double opsPerSecond(BenchmarkParams params, double score) {
        double unitsPerSecond = TimeValue.seconds(1).convertTo(params.getTimeUnit());
        return params.getMode() == Mode.Throughput
                ? score * unitsPerSecond
                : params.getThreads() * unitsPerSecond / score;
    }

    /** The pid in the answer to {@code INFO server}. */
    static long pidOf(String infoServer) {
        return Long.parseLong(infoServer
                .lines()
                .filter(line -> line.startsWith("process_id:"))
                .findFirst()
                .orElseThrow()
                .substring("process_id:".length())
                .strip());
    }

    /** User plus system CPU of the process so far, in ticks of {@link #TICKS_PER_SECOND}. */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count the fields after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[UTIME_AFTER_NAME]) + Long.parseLong(fields[STIME_AFTER_NAME]);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read the CPU of redis-server pid " + pid
                            + " (RedisCpuProfiler needs a Redis on this machine)",
                    e);
        }
    }
}
