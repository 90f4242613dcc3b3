package dev.taskregistry.benchmarks;

import dev.taskregistry.adapters.redis.RedisDeployment;
import dev.taskregistry.adapters.redis.RedisStoreSettings;
import dev.taskregistry.adapters.redis.RedisTaskRepository;
import dev.taskregistry.domain.ProgressReport;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskStoreUnavailable;
import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedisCluster;
import dev.taskregistry.redis.testing.TestRedisSentinel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The failover window as a figure, not a test: writers keep registering and updating tasks through the
 * repository, connected as the service connects ({@code RedisTaskRepository.connect}, timeout as the service's
 * default, 2 s), while the master of the registry fails over, gracefully ({@code CLUSTER FAILOVER} on a replica,
 * {@code SENTINEL FAILOVER}) and by SIGKILL of the master process; each repeated a few times on a deployment of
 * its own ({@link TestRedisCluster}, {@link TestRedisSentinel}: redis-server processes on free ports, stopped at
 * the end). For each fault it reports the window from the start of the first call that failed as unavailable
 * ({@code TaskStoreUnavailable}, a 503 in the service) to the end of the last one, their number, other errors
 * (e.g. {@code TaskNotFound} for an update of a task whose acknowledged register a failover lost), the longest time
 * no call succeeded, and the calls that took longest; a TSV row per fault (for {@code report.BenchmarkReport}) and
 * a summary with median and max.
 *
 * <p>Usage: {@code FailoverWindow [--repeats N] [--writers N] [--deployments cluster,sentinel] [--timeout PT2S]
 * [--wait-replicas N] [--out file.tsv]}; the defaults are 5 repetitions, 4 writers, both deployments, the
 * service's default timeout and no waiting for replicas.
 */
public final class FailoverWindow {

    static final String HEADER = "deployment\tfault\trepetition\tcalls\tunavailable\tother_errors\twindow_ms"
            + "\tfirst_unavailable_after_fault_ms\tno_success_gap_ms\tslow_or_failed_ms\tlongest_ms\tlongest_calls_ms"
            + "\tfault_settled_ms\tfailures";

    private static final Clock CLOCK = Clock.systemUTC();
    private static final Logger JEDIS_LOG = Logger.getLogger("redis.clients.jedis.Jedis");
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration BEFORE = Duration.ofSeconds(1);
    private static final Duration AFTER = Duration.ofSeconds(1);
    private static final Duration BOUND = Duration.ofSeconds(30);
    /** A call this slow is disturbed by the fault, even when it succeeds: normal calls take about a millisecond. */
    private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final int UPDATES_PER_TASK = 5;
    private static final int LONGEST_SHOWN = 3;

    private final int writers;
    private final Duration timeout;
    private final int waitReplicas;
    private final Path out;

    private FailoverWindow(int writers, Duration timeout, int waitReplicas, Path out) {
        this.writers = writers;
        this.timeout = timeout;
        this.waitReplicas = waitReplicas;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        // The deployments' admin connections (redis-testing) warn about RESP3 negotiation on every connection.
        JEDIS_LOG.setLevel(Level.SEVERE);
        int repeats = 5;
        int writers = 4;
        List<String> deployments = List.of("cluster", "sentinel");
        Duration timeout = Duration.ofSeconds(2);
        int waitReplicas = 0;
        Path out = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                usage("missing value of " + args[i]);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--repeats" -> repeats = Integer.parseInt(value);
                case "--writers" -> writers = Integer.parseInt(value);
                case "--deployments" -> deployments = List.of(value.split(","));
                case "--timeout" -> timeout = Duration.parse(value);
                case "--wait-replicas" -> waitReplicas = Integer.parseInt(value);
                case "--out" -> out = Path.of(value);
                default -> usage("unknown option " + args[i]);
            }
        }
        FailoverWindow measurement = new FailoverWindow(writers, timeout, waitReplicas, out);
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, HEADER + "\n", StandardCharsets.UTF_8);
        }
        List<Fault> faults = new ArrayList<>();
        for (String deployment : deployments) {
            switch (deployment.strip()) {
                case "cluster" -> faults.addAll(measurement.onCluster(repeats));
                case "sentinel" -> faults.addAll(measurement.onSentinel(repeats));
                default -> usage("unknown deployment " + deployment);
            }
        }
        System.out.println();
        System.out.println(summary(faults, writers, timeout));
    }

    private static void usage(String problem) {
        System.err.println(problem + "; usage: FailoverWindow [--repeats N] [--writers N]"
                + " [--deployments cluster,sentinel] [--timeout PT2S] [--wait-replicas N] [--out file.tsv]");
        System.exit(2);
    }

    private List<Fault> onCluster(int repeats) throws IOException {
        List<Fault> faults = new ArrayList<>();
        try (TestRedisCluster cluster = TestRedisCluster.start()) {
            String prefix = "failover-" + UUID.randomUUID();
            String sampleKey = "{" + prefix + "}:idx:all";
            RedisStoreSettings settings = new RedisStoreSettings("redis://127.0.0.1", prefix, timeout)
                    .on(RedisDeployment.of("cluster", Optional.of(cluster.nodesSetting()), Optional.empty()))
                    .waitingFor(waitReplicas);
            try (RedisTaskRepository repository = RedisTaskRepository.connect(settings)) {
                repository.warmUp();
                warmUp(repository);
                for (int r = 1; r <= repeats; r++) {
                    faults.add(record(label("cluster"), "graceful", r, repository, () -> {
                        cluster.failOver(sampleKey);
                        return System.nanoTime();
                    }));
                    RedisServerProcess[] killed = {null};
                    faults.add(record(label("cluster"), "sigkill", r, repository, () -> {
                        killed[0] = cluster.masterOf(sampleKey);
                        killed[0].crash();
                        cluster.awaitHealthy();
                        return System.nanoTime();
                    }));
                    // The killed node comes back as a replica of the promoted one, outside the measured time.
                    killed[0].startAgain();
                    cluster.awaitHealthy();
                }
            }
        }
        return faults;
    }

    private List<Fault> onSentinel(int repeats) throws IOException {
        List<Fault> faults = new ArrayList<>();
        try (TestRedisSentinel sentinel = TestRedisSentinel.start()) {
            String prefix = "failover-" + UUID.randomUUID();
            RedisStoreSettings settings = new RedisStoreSettings("redis://127.0.0.1", prefix, timeout)
                    .on(RedisDeployment.of(
                            "sentinel",
                            Optional.of(sentinel.sentinelsSetting()),
                            Optional.of(TestRedisSentinel.MASTER_NAME)))
                    .waitingFor(waitReplicas);
            try (RedisTaskRepository repository = RedisTaskRepository.connect(settings)) {
                repository.warmUp();
                warmUp(repository);
                for (int r = 1; r <= repeats; r++) {
                    faults.add(record(label("sentinel"), "graceful", r, repository, () -> {
                        sentinel.failOver();
                        return System.nanoTime();
                    }));
                    RedisServerProcess[] killed = {null};
                    faults.add(record(label("sentinel"), "sigkill", r, repository, () -> {
                        killed[0] = sentinel.master();
                        killed[0].crash();
                        awaitOtherMaster(sentinel, killed[0]);
                        sentinel.awaitStableMaster();
                        return System.nanoTime();
                    }));
                    // The killed master comes back; the sentinels make it a replica of the new one.
                    killed[0].startAgain();
                    sentinel.awaitStableMaster();
                }
            }
        }
        return faults;
    }

    /** The deployment as the rows name it: with {@code +wait-replicas=n} when writes wait for replicas. */
    private String label(String deployment) {
        return waitReplicas == 0 ? deployment : deployment + " +wait-replicas=" + waitReplicas;
    }

    private static void awaitOtherMaster(TestRedisSentinel sentinel, RedisServerProcess old) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (sentinel.master() != old) {
                    return;
                }
            } catch (IllegalStateException noneNow) {
                // The sentinels name no master for a moment: go on waiting.
            }
            sleep(Duration.ofMillis(25));
        }
        throw new IllegalStateException("no sentinel named a new master within " + BOUND);
    }

    /** Writers for a while, unrecorded: the JIT compiles the request path before anything is measured. */
    private void warmUp(RedisTaskRepository repository) {
        Writers warm = Writers.start(repository, writers);
        sleep(WARM_UP);
        warm.stop();
    }

    /**
     * Writers before, during and after {@code fault}, which returns when the deployment is settled again;
     * returns what the writers saw.
     */
    private Fault record(
            String deployment, String kind, int repetition, RedisTaskRepository repository, LongSupplier fault)
            throws IOException {
        Writers running = Writers.start(repository, writers);
        sleep(BEFORE);
        long faultAt = System.nanoTime();
        long settledAt = fault.getAsLong();
        sleep(AFTER);
        List<Call> calls = running.stop();
        Fault measured = Fault.of(deployment, kind, repetition, calls, faultAt, settledAt);
        System.out.println(measured.line());
        if (out != null) {
            Files.writeString(out, measured.tsv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
        return measured;
    }

    static String summary(List<Fault> faults, int writers, Duration timeout) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "failover windows (%d writers registering and updating, timeout %s; median / max over the repetitions)%n",
                writers,
                timeout));
        text.append(String.format(
                Locale.ROOT,
                "%-9s %-9s %4s %22s %16s %14s %22s %20s %18s%n",
                "",
                "fault",
                "reps",
                "unavailable ms",
                "unavailable",
                "other errors",
                "no success for ms",
                "longest call ms",
                "fault settled ms"));
        Map<String, List<Fault>> byKind = new LinkedHashMap<>();
        faults.forEach(f -> byKind.computeIfAbsent(f.deployment() + "\t" + f.kind(), k -> new ArrayList<>())
                .add(f));
        byKind.forEach((key, list) -> text.append(String.format(
                Locale.ROOT,
                "%-9s %-9s %4d %22s %16s %14s %22s %20s %18s%n",
                key.split("\t")[0],
                key.split("\t")[1],
                list.size(),
                medianAndMax(list, Fault::windowMillis),
                medianAndMax(list, Fault::unavailable),
                medianAndMax(list, Fault::otherErrors),
                medianAndMax(list, Fault::noSuccessGapMillis),
                medianAndMax(list, Fault::longestMillis),
                medianAndMax(list, Fault::settledMillis))));
        return text.toString();
    }

    private static String medianAndMax(List<Fault> faults, java.util.function.ToDoubleFunction<Fault> value) {
        double[] sorted = faults.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return String.format(Locale.ROOT, "%.0f / %.0f", median, sorted[sorted.length - 1]);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One call a writer made: when it began and ended ({@code System.nanoTime}), and how it failed, if it did. */
    record Call(long start, long end, String failure, boolean unavailable) {

        boolean failed() {
            return failure != null;
        }

        long nanos() {
            return end - start;
        }
    }

    /** Threads registering a task, then updating it a few times, then the next, until stopped. */
    static final class Writers {

        private final AtomicBoolean stopping = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();
        private final List<List<Call>> calls = new ArrayList<>();

        static Writers start(RedisTaskRepository repository, int count) {
            Writers writers = new Writers();
            for (int i = 0; i < count; i++) {
                List<Call> own = new ArrayList<>();
                writers.calls.add(own);
                String tag = "w" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
                Thread thread = new Thread(() -> writers.write(repository, tag, own), "failover-writer-" + i);
                writers.threads.add(thread);
                thread.start();
            }
            return writers;
        }

        private void write(RedisTaskRepository repository, String tag, List<Call> own) {
            int created = 0;
            while (!stopping.get()) {
                Task task = BenchmarkTasks.pending(tag + "-" + created++, CLOCK.instant());
                Task registered = task;
                if (!call(own, () -> repository.register(registered))) {
                    continue; // applied or not, the writer goes on with a new task
                }
                for (int step = 1; step <= UPDATES_PER_TASK && !stopping.get(); step++) {
                    task = task.reportProgress(ProgressReport.ofSteps(step), CLOCK.instant());
                    Task next = task;
                    if (!call(own, () -> repository.update(next))) {
                        break;
                    }
                }
            }
        }

        private static boolean call(List<Call> own, Runnable work) {
            long start = System.nanoTime();
            try {
                work.run();
                own.add(new Call(start, System.nanoTime(), null, false));
                return true;
            } catch (TaskStoreUnavailable unavailable) {
                own.add(new Call(start, System.nanoTime(), reason(unavailable), true));
            } catch (RuntimeException other) {
                own.add(new Call(
                        start, System.nanoTime(), other.getClass().getSimpleName() + ": " + other.getMessage(), false));
            }
            return false;
        }

        /** What the failure says, without the operation and with digits masked, so equal failures count together. */
        private static String reason(TaskStoreUnavailable unavailable) {
            String message = String.valueOf(unavailable.getMessage());
            int colon = message.indexOf(": ");
            String reason = colon < 0 ? message : message.substring(colon + 2);
            reason = reason.replaceAll("\\d+", "#");
            return reason.length() > 90 ? reason.substring(0, 90) + "..." : reason;
        }

        List<Call> stop() {
            stopping.set(true);
            for (Thread thread : threads) {
                try {
                    thread.join(BOUND.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while stopping the writers", e);
                }
                if (thread.isAlive()) {
                    throw new IllegalStateException(thread.getName() + " did not stop within " + BOUND);
                }
            }
            return calls.stream().flatMap(List::stream).toList();
        }
    }

    /** What the writers saw of one fault. Times in milliseconds. */
    record Fault(
            String deployment,
            String kind,
            int repetition,
            int calls,
            int unavailable,
            int otherErrors,
            double windowMillis,
            double firstUnavailableAfterFaultMillis,
            double noSuccessGapMillis,
            double slowOrFailedMillis,
            double longestMillis,
            List<String> longestCalls,
            double settledMillis,
            String failures) {

        static Fault of(
                String deployment, String kind, int repetition, List<Call> calls, long faultAt, long settledAt) {
            List<Call> failed = calls.stream().filter(Call::unavailable).toList();
            double window = failed.isEmpty()
                    ? 0
                    : millis(failed.stream().mapToLong(Call::end).max().orElseThrow()
                            - failed.stream().mapToLong(Call::start).min().orElseThrow());
            double firstFailure = failed.isEmpty()
                    ? Double.NaN
                    : millis(failed.stream().mapToLong(Call::start).min().orElseThrow() - faultAt);
            List<Call> disturbed = calls.stream()
                    .filter(c -> c.failed() || c.nanos() >= SLOW_NANOS)
                    .toList();
            double slowOrFailed = disturbed.isEmpty()
                    ? 0
                    : millis(disturbed.stream().mapToLong(Call::end).max().orElseThrow()
                            - disturbed.stream().mapToLong(Call::start).min().orElseThrow());
            long[] successes = calls.stream()
                    .filter(c -> !c.failed())
                    .mapToLong(Call::end)
                    .sorted()
                    .toArray();
            long gap = 0;
            for (int i = 1; i < successes.length; i++) {
                gap = Math.max(gap, successes[i] - successes[i - 1]);
            }
            List<Call> longest = calls.stream()
                    .sorted(Comparator.comparingLong(Call::nanos).reversed())
                    .limit(LONGEST_SHOWN)
                    .toList();
            String failures = calls.stream()
                    .filter(Call::failed)
                    .collect(Collectors.groupingBy(Call::failure, LinkedHashMap::new, Collectors.counting()))
                    .entrySet()
                    .stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> e.getValue() + "x " + e.getKey())
                    .collect(Collectors.joining("; "));
            return new Fault(
                    deployment,
                    kind,
                    repetition,
                    calls.size(),
                    failed.size(),
                    (int) calls.stream()
                            .filter(c -> c.failed() && !c.unavailable())
                            .count(),
                    window,
                    firstFailure,
                    millis(gap),
                    slowOrFailed,
                    longest.isEmpty() ? 0 : millis(longest.getFirst().nanos()),
                    longest.stream()
                            .map(c -> String.format(
                                    Locale.ROOT, "%.0f%s", millis(c.nanos()), c.failed() ? " (failed)" : ""))
                            .toList(),
                    millis(settledAt - faultAt),
                    failures.isEmpty() ? "-" : failures);
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "%s %s #%d: %d calls, %d unavailable, %d other errors; unavailable from first to last %.0f ms"
                            + " (first %.0f ms after the fault), no call succeeded for %.0f ms, slow or failed for %.0f"
                            + " ms, longest calls %s ms; fault settled after %.0f ms; failures: %s",
                    deployment,
                    kind,
                    repetition,
                    calls,
                    unavailable,
                    otherErrors,
                    windowMillis,
                    firstUnavailableAfterFaultMillis,
                    noSuccessGapMillis,
                    slowOrFailedMillis,
                    String.join(", ", longestCalls),
                    settledMillis,
                    failures);
        }

        String tsv() {
            return String.join(
                    "\t",
                    deployment,
                    kind,
                    String.valueOf(repetition),
                    String.valueOf(calls),
                    String.valueOf(unavailable),
                    String.valueOf(otherErrors),
                    number(windowMillis),
                    number(firstUnavailableAfterFaultMillis),
                    number(noSuccessGapMillis),
                    number(slowOrFailedMillis),
                    number(longestMillis),
                    String.join(", ", longestCalls),
                    number(settledMillis),
                    failures.replace('\t', ' '));
        }

        private static String number(double value) {
            return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
        }

        private static double millis(long nanos) {
            return nanos / 1e6;
        }
    }
}
