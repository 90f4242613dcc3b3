package dev.taskregistry.benchmarks;

import dev.taskregistry.adapters.redis.RedisTaskRepository;
import dev.taskregistry.domain.PageCursor;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskStatus;
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
 * Listing (a page of 50, with and without a status filter, first page and a page from a cursor in the
 * middle) and stats of the Redis adapter at 1k to 1M live tasks. Both should cost the same at any size:
 * the 1M figure within 2x of the 1k figure. {@code rawGet} (a plain GET of one task's document) is the
 * yardstick measured in the same run at each size, so figures taken minutes apart on a noisy machine can
 * still be compared as multiples of one round trip.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx4g"})
@State(Scope.Benchmark)
public class RedisScaleBenchmark {

    static final int PAGE = PageRequest.DEFAULT_LIMIT;

    @Param({"1000", "10000", "100000", "1000000"})
    int liveTasks;

    RedisTaskRepository repository;
    RedisClient raw;
    String someTaskKey;
    PageCursor middle;

    @Setup(Level.Trial)
    public void setUp() {
        ScaleRegistry registry = ScaleRegistry.load(liveTasks);
        repository = BenchmarkRedis.repository(registry.prefix);
        raw = BenchmarkRedis.rawClient();
        someTaskKey = BenchmarkRedis.taskKey(registry.prefix, "task-" + (liveTasks / 3));
        middle = registry.middleCursor();
        TaskStats stats = repository.stats();
        if (raw.get(someTaskKey) == null
                || stats.total() != liveTasks
                || listByStatus().items().size() != PAGE
                || listFromMiddle().items().size() != PAGE) {
            throw new IllegalStateException("registry " + registry.prefix + " is not as loaded: " + stats);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        repository.close();
        raw.close();
    }

    @Benchmark
    public TaskPage list() {
        return repository.list(TaskFilter.all(), PageRequest.first(PAGE));
    }

    @Benchmark
    public TaskPage listByStatus() {
        return repository.list(TaskFilter.of(TaskStatus.RUNNING, null), PageRequest.first(PAGE));
    }

    @Benchmark
    public TaskPage listFromMiddle() {
        return repository.list(TaskFilter.all(), PageRequest.first(PAGE).after(middle));
    }

    @Benchmark
    public TaskStats stats() {
        return repository.stats();
    }

    @Benchmark
    public String rawGet() {
        return raw.get(someTaskKey);
    }
}
