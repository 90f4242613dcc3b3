package dev.taskregistry.benchmarks;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * JMH profiler ({@code -prof dev.taskregistry.benchmarks.RedisClusterCpuProfiler}): {@link RedisCpuProfiler} for
 * the nodes of {@link BenchmarkCluster}. A registry lies in one slot, so one master does its work; that is the
 * busiest node of the iteration, and its CPU is reported as {@code redis.cpu} (% of one core) and
 * {@code redis.us_per_op} (CPU microseconds per benchmark operation), as on one Redis. {@code redis.replica_cpu}
 * is the second busiest node (the master's replica, applying the replication stream) and {@code redis.all_cpu}
 * every node together. The nodes must run on this machine (pids from INFO server, CPU from /proc).
 */
public final class RedisClusterCpuProfiler implements InternalProfiler {

    private long[] pids;
    private long[] startTicks;
    private long startNanos;

    @Override
    public String getDescription() {
        return "CPU of the benchmark cluster's busiest node (the registry's master) per iteration, from /proc";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (pids == null) {
            List<HostAndPort> nodes = BenchmarkCluster.addresses();
            pids = new long[nodes.size()];
            for (int i = 0; i < pids.length; i++) {
                try (Jedis node = new Jedis(
                        nodes.get(i),
                        DefaultJedisClientConfig.builder()
                                .autoNegotiateProtocol(false)
                                .build())) {
                    pids[i] = RedisCpuProfiler.pidOf(node.info("server"));
                }
            }
        }
        startTicks = new long[pids.length];
        for (int i = 0; i < pids.length; i++) {
            startTicks[i] = RedisCpuProfiler.ticks(pids[i]);
        }
        startNanos = System.nanoTime();
    }

    @Override
    @SuppressWarnings("rawtypes") // JMH's InternalProfiler declares the raw Result type
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double busiest = 0;
        double second = 0;
        double all = 0;
        for (int i = 0; i < pids.length; i++) {
            double cores =
                    (RedisCpuProfiler.ticks(pids[i]) - startTicks[i]) / RedisCpuProfiler.TICKS_PER_SECOND / seconds;
            all += cores;
            if (cores > busiest) {
                second = busiest;
                busiest = cores;
            } else if (cores > second) {
                second = cores;
            }
        }
        double opsPerSecond = RedisCpuProfiler.opsPerSecond(
                benchmarkParams, result.getPrimaryResult().getScore());
        return List.of(
                new ScalarResult("redis.cpu", busiest * 100, "%", AggregationPolicy.AVG),
                new ScalarResult("redis.us_per_op", busiest * 1e6 / opsPerSecond, "us/op", AggregationPolicy.AVG),
                new ScalarResult("redis.replica_cpu", second * 100, "%", AggregationPolicy.AVG),
                new ScalarResult("redis.all_cpu", all * 100, "%", AggregationPolicy.AVG));
    }
}
