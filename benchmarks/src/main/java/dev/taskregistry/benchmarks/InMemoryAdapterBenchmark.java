package dev.taskregistry.benchmarks;

import dev.taskregistry.adapters.inmemory.InMemoryTaskRepository;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.ProgressReport;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-memory adapter's operations per second on a registry of {@value #LIVE_TASKS} live tasks (all
 * statuses and four types): find, register, update, list (a page of 50, with and without a status filter)
 * and stats. Run at 1 and 8 threads ({@code -t}). {@code mapGet} and {@code mapPut} do the same lookups and
 * replacements on a {@link ConcurrentHashMap}: what find and update are compared with.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx4g"})
@State(Scope.Benchmark)
public class InMemoryAdapterBenchmark {

    static final int LIVE_TASKS = 10_000;
    /**
     * Registered tasks live this long (the minimum TTL), so the store holds about one second of
     * registrations and each register also purges what expired, as a long-running service does; with
     * the default 5 minutes a 13-second run at a million registrations a second would fill the heap.
     */
    static final Duration REGISTER_TTL = Duration.ofSeconds(1);

    private static final Clock CLOCK = Clock.systemUTC();

    InMemoryTaskRepository repository;
    TaskId[] ids;
    /** The same tasks in a plain concurrent map: the physical limit of an in-process lookup. */
    final ConcurrentHashMap<TaskId, Task> map = new ConcurrentHashMap<>();

    final AtomicInteger threads = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() {
        repository = new InMemoryTaskRepository(CLOCK);
        ids = new TaskId[LIVE_TASKS];
        Instant now = CLOCK.instant();
        Instant expiryBase = now.plus(Duration.ofHours(1));
        for (int n = 0; n < LIVE_TASKS; n++) {
            Task task = BenchmarkTasks.numbered(n, now, expiryBase);
            repository.register(task);
            map.put(task.id(), task);
            ids[n] = task.id();
        }
    }

    /** Per thread: which task to read next, names for new tasks, and a task of its own to update. */
    @State(Scope.Thread)
    public static class PerThread {
        int next;
        int created;
        String tag;
        Task own;
        int step;

        @Setup(Level.Trial)
        public void setUp(InMemoryAdapterBenchmark shared) {
            int thread = shared.threads.getAndIncrement();
            next = thread * 1_237;
            tag = "t" + thread + "-" + UUID.randomUUID().toString().substring(0, 8);
            own = BenchmarkTasks.pending("upd-" + tag, CLOCK.instant());
            shared.repository.register(own);
            shared.map.put(own.id(), own);
        }

        TaskId nextId(TaskId[] ids) {
            next = next + 1 == ids.length ? 0 : next + 1;
            return ids[next];
        }
    }

    @Benchmark
    public Optional<Task> find(PerThread thread) {
        return repository.find(thread.nextId(ids));
    }

    @Benchmark
    public Task register(PerThread thread) {
        Task task = BenchmarkTasks.pending(
                "reg-" + thread.tag + "-" + thread.created++,
                BenchmarkTasks.DEFAULT_TYPE,
                CLOCK.instant(),
                REGISTER_TTL);
        repository.register(task);
        return task;
    }

    @Benchmark
    public Task update(PerThread thread) {
        thread.step = thread.step == 10 ? 0 : thread.step + 1;
        thread.own = thread.own.reportProgress(ProgressReport.ofSteps(thread.step), CLOCK.instant());
        repository.update(thread.own);
        return thread.own;
    }

    @Benchmark
    public TaskPage list() {
        return repository.list(TaskFilter.all(), PageRequest.first(PageRequest.DEFAULT_LIMIT));
    }

    @Benchmark
    public TaskPage listByStatus() {
        return repository.list(TaskFilter.of(TaskStatus.RUNNING, null), PageRequest.first(PageRequest.DEFAULT_LIMIT));
    }

    @Benchmark
    public TaskStats stats() {
        return repository.stats();
    }

    @Benchmark
    public Task mapGet(PerThread thread) {
        return map.get(thread.nextId(ids));
    }

    @Benchmark
    public Task mapPut(PerThread thread) {
        thread.step = thread.step == 10 ? 0 : thread.step + 1;
        thread.own = thread.own.reportProgress(ProgressReport.ofSteps(thread.step), CLOCK.instant());
        map.put(thread.own.id(), thread.own);
        return thread.own;
    }
}
