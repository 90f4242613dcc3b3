package dev.taskregistry.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.clients.jedis.ClusterPipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.Response;

/**
 * What one wave of a sharded listing or stats costs the client on Redis Cluster: a GET in each of 12 shard slots
 * (spread over the 3 masters) sent as Jedis' {@code ClusterPipeline} as the adapter sends it
 * ({@code pipelined()}: Jedis creates a thread pool for every {@code sync()} that spans several nodes), as the same
 * pipeline on a pool made once ({@code pipelined(executor)}), and as 12 GETs one after another; one GET is the
 * round trip they are measured against. The sharded list takes 3 such waves and stats 2 (docs/BENCHMARKS.md,
 * "Sharded registry").
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class ClusterPipelineBenchmark {

    static final int SHARDS = 12;
    /** Jedis' own default number of threads per multi-node sync (MULTI_NODE_PIPELINE_SYNC_WORKERS). */
    private static final int SYNC_WORKERS = 3;

    RedisClusterClient raw;
    ExecutorService shared;
    List<String> keys;

    @Setup(Level.Trial)
    public void setUp() {
        raw = BenchmarkCluster.rawClient();
        shared = Executors.newFixedThreadPool(SYNC_WORKERS);
        String prefix = "pipe-" + UUID.randomUUID().toString().substring(0, 8);
        keys = new ArrayList<>();
        for (int k = 0; k < SHARDS; k++) {
            String key = "{" + prefix + ":" + k + "}:task:x";
            raw.set(key, "a task document of a typical size ".repeat(14));
            keys.add(key);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        shared.shutdownNow();
        raw.close();
    }

    @Benchmark
    public List<String> pipelineAsAdapter() {
        try (ClusterPipeline pipeline = raw.pipelined()) {
            return send(pipeline);
        }
    }

    @Benchmark
    public List<String> pipelineSharedExecutor() {
        try (ClusterPipeline pipeline = raw.pipelined(shared)) {
            return send(pipeline);
        }
    }

    @Benchmark
    public List<String> oneAfterAnother() {
        List<String> values = new ArrayList<>(SHARDS);
        for (String key : keys) {
            values.add(raw.get(key));
        }
        return values;
    }

    @Benchmark
    public String oneGet() {
        return raw.get(keys.getFirst());
    }

    private List<String> send(ClusterPipeline pipeline) {
        List<Response<String>> replies = new ArrayList<>(SHARDS);
        for (String key : keys) {
            replies.add(pipeline.get(key));
        }
        pipeline.sync();
        return replies.stream().map(Response::get).toList();
    }
}
