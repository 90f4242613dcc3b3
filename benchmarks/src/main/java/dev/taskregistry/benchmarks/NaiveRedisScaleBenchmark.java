package dev.taskregistry.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.clients.jedis.RedisClient;

/**
 * The original design ({@link NaiveTaskRegistry}) on the same registries as {@link RedisScaleBenchmark},
 * up to 100k tasks (at 1M one call takes tens of seconds): the cost the indexes remove.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx4g"})
@State(Scope.Benchmark)
public class NaiveRedisScaleBenchmark {

    @Param({"1000", "10000", "100000"})
    int liveTasks;

    RedisClient raw;
    NaiveTaskRegistry naive;

    @Setup(Level.Trial)
    public void setUp() {
        ScaleRegistry registry = ScaleRegistry.load(liveTasks);
        raw = BenchmarkRedis.rawClient();
        naive = new NaiveTaskRegistry(raw, BenchmarkRedis.taskKey(registry.prefix, "*"));
        if (!Long.valueOf(liveTasks).equals(naive.stats().get("total_tasks"))) {
            throw new IllegalStateException("the naive count disagrees with the " + liveTasks + " tasks loaded");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        raw.close();
    }

    @Benchmark
    public List<JsonNode> naiveList() {
        return naive.list(null, RedisScaleBenchmark.PAGE);
    }

    @Benchmark
    public List<JsonNode> naiveListByStatus() {
        return naive.list("running", RedisScaleBenchmark.PAGE);
    }

    @Benchmark
    public Map<String, Object> naiveStats() {
        return naive.stats();
    }
}
