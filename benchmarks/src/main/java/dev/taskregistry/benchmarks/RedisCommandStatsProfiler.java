package dev.taskregistry.benchmarks;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import redis.clients.jedis.RedisClient;

/**
 * JMH profiler ({@code -prof dev.taskregistry.benchmarks.RedisCommandStatsProfiler}): Redis' own time per call of
 * {@code EVALSHA} and of {@code XADD} during each iteration, from the difference of two {@code INFO commandstats}
 * (so only the measured iteration counts, not the set-up or the warm-up, and nothing needs resetting). Reports
 * {@code redis.evalsha_us} (µs per script call, the commands the script runs included), {@code redis.xadd_us} (µs
 * per {@code XADD}, 0 when none ran) and {@code redis.xadd_per_evalsha} (events appended per script call: 1 with
 * the events, 0 without, a check that a variant is what it says).
 */
public final class RedisCommandStatsProfiler implements InternalProfiler {

    private RedisClient client;
    private Map<String, long[]> before;

    @Override
    public String getDescription() {
        return "Redis' usec per EVALSHA and per XADD during each iteration, from INFO commandstats";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (client == null) {
            client = BenchmarkRedis.rawClient();
        }
        before = commandStats(client.info("commandstats"));
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's InternalProfiler declares the raw Result type
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        Map<String, long[]> after = commandStats(client.info("commandstats"));
        long[] evalsha = delta(before, after, "evalsha");
        long[] xadd = delta(before, after, "xadd");
        return List.of(
                new ScalarResult("redis.evalsha_us", perCall(evalsha), "us/call", AggregationPolicy.AVG),
                new ScalarResult("redis.xadd_us", perCall(xadd), "us/call", AggregationPolicy.AVG),
                new ScalarResult(
                        "redis.xadd_per_evalsha",
                        evalsha[0] == 0 ? 0 : (double) xadd[0] / evalsha[0],
                        "calls",
                        AggregationPolicy.AVG));
    }

    private static double perCall(long[] callsAndMicros) {
        return callsAndMicros[0] == 0 ? 0 : (double) callsAndMicros[1] / callsAndMicros[0];
    }

    private static long[] delta(Map<String, long[]> before, Map<String, long[]> after, String command) {
        long[] start = before.getOrDefault(command, new long[2]);
        long[] end = after.getOrDefault(command, new long[2]);
        return new long[] {end[0] - start[0], end[1] - start[1]};
    }

    /** {@code cmdstat_<name>:calls=<n>,usec=<n>,...} lines: the calls and usec of each command. */
    public static Map<String, long[]> commandStats(String info) {
        Map<String, long[]> stats = new HashMap<>();
        for (String line : info.lines().toList()) {
            if (!line.startsWith("cmdstat_")) {
                continue;
            }
            String name = line.substring("cmdstat_".length(), line.indexOf(':'));
            long calls = 0;
            long usec = 0;
            for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
                String[] pair = field.split("=", 2);
                if (pair[0].equals("calls")) {
                    calls = Long.parseLong(pair[1].strip());
                } else if (pair[0].equals("usec")) {
                    usec = Long.parseLong(pair[1].strip());
                }
            }
            stats.put(name, new long[] {calls, usec});
        }
        return stats;
    }
}
