package dev.taskregistry.benchmarks;

import dev.taskregistry.adapters.redis.RedisTaskRepository;
import dev.taskregistry.adapters.redis.TaskDocumentCodec;
import dev.taskregistry.domain.ProgressReport;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.params.SetParams;

/**
 * {@link RedisAdapterBenchmark} on Redis Cluster: the adapter connected as the service connects with
 * {@code taskregistry.redis.mode=cluster} ({@code RedisTaskRepository.connect}: Jedis' {@code RedisClusterClient}
 * behind the failover-retrying connection) against a plain {@code RedisClusterClient} configured the same way, on
 * the same cluster ({@link BenchmarkCluster}). {@code find} against a raw GET of the same document,
 * {@code register} and {@code update} against a raw SET of the same document. Every key of the registry, the raw
 * baselines' keys too, lies in the slot of its hash tag {@code {prefix}}, so both measure the same one master.
 * Run at 1 and 8 threads ({@code -t}); the ratios adapter/raw are the figures.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx4g"})
@State(Scope.Benchmark)
public class RedisClusterBenchmark {

    static final int STORED_TASKS = 1024;
    private static final Clock CLOCK = Clock.systemUTC();

    RedisTaskRepository repository;
    RedisClusterClient raw;
    String prefix;
    TaskId[] ids;
    String[] keys;
    /** The stored document of a typical pending task: what raw GET reads and raw SET writes. */
    String document;

    long documentExpiresAt;
    /** {@code {prefix}:task:}, the start of every task key. */
    String taskKeyStart;

    final AtomicInteger threads = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() {
        prefix = "bench-cluster-" + UUID.randomUUID();
        repository = BenchmarkCluster.repository(prefix);
        repository.warmUp();
        raw = BenchmarkCluster.rawClient();
        taskKeyStart = BenchmarkRedis.taskKey(prefix, "");
        ids = new TaskId[STORED_TASKS];
        keys = new String[STORED_TASKS];
        for (int i = 0; i < STORED_TASKS; i++) {
            Task task = BenchmarkTasks.pending("find-" + i, CLOCK.instant());
            repository.register(task);
            ids[i] = task.id();
            keys[i] = BenchmarkRedis.taskKey(prefix, task.id().value());
        }
        document = raw.get(keys[0]);
        if (document == null || !new TaskDocumentCodec().decode(document).equals(repository.find(ids[0]))) {
            throw new IllegalStateException("the raw key " + keys[0] + " does not hold the adapter's document");
        }
        documentExpiresAt = repository.find(ids[0]).orElseThrow().expiresAt().toEpochMilli();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        repository.close();
        raw.close();
    }

    /** Per thread: which stored task to read next, and names for new tasks no other thread uses. */
    @State(Scope.Thread)
    public static class ThreadCursor {
        int next;
        int created;
        String tag;

        @Setup(Level.Trial)
        public void setUp(RedisClusterBenchmark shared) {
            int thread = shared.threads.getAndIncrement();
            next = thread * 131;
            tag = "t" + thread + "-" + UUID.randomUUID().toString().substring(0, 8);
        }

        int nextIndex() {
            next = (next + 1) & (STORED_TASKS - 1);
            return next;
        }

        String nextNewId() {
            return "reg-" + tag + "-" + created++;
        }
    }

    /** Per thread: its own task, so every update carries exactly the next version and never conflicts. */
    @State(Scope.Thread)
    public static class OwnTask {
        Task task;
        String key;
        String document;
        long expiresAt;
        int step;

        @Setup(Level.Trial)
        public void setUp(RedisClusterBenchmark shared) {
            task = BenchmarkTasks.pending("upd-" + UUID.randomUUID(), CLOCK.instant());
            shared.repository.register(task);
            task = task.reportProgress(ProgressReport.ofSteps(1), CLOCK.instant());
            shared.repository.update(task);
            key = BenchmarkRedis.taskKey(shared.prefix, task.id().value());
            document = shared.raw.get(key);
            expiresAt = task.expiresAt().toEpochMilli();
        }

        Task next() {
            step = step == 10 ? 0 : step + 1;
            task = task.reportProgress(ProgressReport.ofSteps(step), CLOCK.instant());
            return task;
        }
    }

    @Benchmark
    public Optional<Task> find(ThreadCursor cursor) {
        return repository.find(ids[cursor.nextIndex()]);
    }

    @Benchmark
    public String rawGet(ThreadCursor cursor) {
        return raw.get(keys[cursor.nextIndex()]);
    }

    @Benchmark
    public Task register(ThreadCursor cursor) {
        Task task = BenchmarkTasks.pending(cursor.nextNewId(), CLOCK.instant());
        repository.register(task);
        return task;
    }

    /** The same document under a new key each time, stored until the same expiry: register's physical limit. */
    @Benchmark
    public String rawSetNew(ThreadCursor cursor) {
        return raw.set(
                taskKeyStart + cursor.nextNewId(),
                document,
                SetParams.setParams().pxAt(documentExpiresAt));
    }

    @Benchmark
    public Task update(OwnTask own) {
        Task next = own.next();
        repository.update(next);
        return next;
    }

    /** The thread's own task document written again over its key: update's physical limit. */
    @Benchmark
    public String rawSetSame(OwnTask own) {
        return raw.set(own.key, own.document, SetParams.setParams().pxAt(own.expiresAt));
    }
}
