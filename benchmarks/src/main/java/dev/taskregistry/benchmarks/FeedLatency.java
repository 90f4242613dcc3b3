package dev.taskregistry.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskregistry.redis.testing.RedisServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The change feed through the running service, as a figure (#12, point 5): worker processes of the packaged jar
 * ({@code java -jar task-registry.jar}, {@link ServiceWorkers}) on a redis-server of this program's own (never the
 * machine's 6379), or on the in-memory store.
 *
 * <p><b>Event latency.</b> A writer makes changes on worker 1 over HTTP (register a task, then 9 progress updates,
 * then the next task), paced at {@code --rate} changes per second and unpaced (each call as soon as the last one was
 * answered); a subscriber holds {@code GET /events} open on worker 2 ("other worker") and one on worker 1 ("same
 * worker"), both during the same changes. For each change the time from the moment the writer had worker 1's answer
 * (acknowledged) to the moment the event with that task id and version arrived on the subscriber's stream (negative
 * when the event came first), and from the moment its request was sent. Every acknowledged change must arrive
 * exactly once: missing events and duplicates are counted. On the in-memory store, one worker and the same-worker
 * subscriber only. Before the measured phases, {@code --warmup} unpaced changes that are not recorded.
 *
 * <p><b>Memory per idle subscriber.</b> A fresh worker ({@code --xmx}, heartbeat {@code --heartbeat}); a few streams
 * opened and closed first (so the baseline has loaded what a stream needs); then the baseline: the live heap
 * ({@code jcmd GC.class_histogram}, which collects fully first), the heap used after {@code jcmd GC.run}, VmRSS and
 * threads; then K idle {@code GET /events} streams are opened and, after two heartbeats, measured the same way; then
 * closed, and the time until {@code taskregistry_feed_subscribers} and {@code taskregistry_feed_subscriptions} on
 * {@code /metrics} are back to 0 (a departed client is noticed at the second heartbeat after it left), and measured
 * once more. The classes whose live bytes grew most are written beside the figures.
 *
 * <p>Usage: {@code FeedLatency [--parts latency,memory] [--stores redis,inmemory] [--repeats 3] [--changes 3000]
 * [--rate 200] [--warmup 3000] [--streams 1000,5000] [--xmx 512m] [--heartbeat PT2S]
 * [--jar bootstrap/target/task-registry.jar] [--out benchmarks/target/feed] [--heap-dumps false]}. Writes
 * {@code latency.tsv}, {@code memory.tsv}, every change's latency ({@code samples/}), the class histograms'
 * differences and the workers' logs under {@code --out}, and prints a summary (median and range over the
 * repetitions); with {@code --heap-dumps true} also a heap dump of each worker while its streams are open
 * ({@code <out>/memory-<store>-<streams>-r<n>.hprof}).
 */
public final class FeedLatency {

    static final String LATENCY_HEADER = "store\tsubscriber\tpacing\trepetition\tchanges\tchanges_per_s"
            + "\tfailed_calls\treceived\tmissing\tduplicates\tout_of_order\tunexpected\tbefore_answer\tmin_ms\tp50_ms"
            + "\tp90_ms\tp99_ms\tmax_ms\tfrom_request_p50_ms\tfrom_request_p99_ms\tcall_p50_ms\tcall_p99_ms\tload_1m\tnotes";
    static final String MEMORY_HEADER = "store\tstreams\trepetition\txmx\tlive_heap_base\tlive_heap_open"
            + "\tlive_heap_closed\theap_bytes_per_stream\theap_used_base\theap_used_open\trss_base\trss_open"
            + "\trss_closed\trss_bytes_per_stream\tthreads_base\tthreads_open\tsubscribers_open\tsubscribers_closed"
            + "\tsubscriptions_closed\trelease_ms\tload_1m";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHANGES_PER_TASK = 10;
    private static final Duration SUBSCRIBE_BOUND = Duration.ofSeconds(30);
    private static final Duration ARRIVAL_BOUND = Duration.ofSeconds(15);
    private static final Duration RELEASE_BOUND = Duration.ofSeconds(60);
    private static final int WARM_STREAMS = 200;
    private static final int OPENING_AT_ONCE = 32;
    private static final int CLASSES_SHOWN = 15;
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total[^\\n]*?used (\\d+)K");
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)", Pattern.MULTILINE);

    private final int repeats;
    private final int changes;
    private final double rate;
    private final int warmup;
    private final List<Integer> streams;
    private final String xmx;
    private final Duration heartbeat;
    private final Path jar;
    private final Path out;
    private final boolean heapDumps;

    private FeedLatency(
            int repeats,
            int changes,
            double rate,
            int warmup,
            List<Integer> streams,
            String xmx,
            Duration heartbeat,
            Path jar,
            Path out,
            boolean heapDumps) {
        this.repeats = repeats;
        this.changes = changes;
        this.rate = rate;
        this.warmup = warmup;
        this.streams = streams;
        this.xmx = xmx;
        this.heartbeat = heartbeat;
        this.jar = jar;
        this.out = out;
        this.heapDumps = heapDumps;
    }

    public static void main(String[] args) throws IOException {
        List<String> parts = List.of("latency", "memory");
        List<String> stores = List.of("redis", "inmemory");
        int repeats = 3;
        int changes = 3000;
        double rate = 200;
        int warmup = 3000;
        List<Integer> streams = List.of(1000, 5000);
        String xmx = "512m";
        Duration heartbeat = Duration.ofSeconds(2);
        Path jar = Path.of("bootstrap", "target", "task-registry.jar");
        Path out = Path.of("benchmarks", "target", "feed");
        boolean heapDumps = false;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                usage("missing value of " + args[i]);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--parts" -> parts = List.of(value.split(","));
                case "--stores" -> stores = List.of(value.split(","));
                case "--repeats" -> repeats = Integer.parseInt(value);
                case "--changes" -> changes = Integer.parseInt(value);
                case "--rate" -> rate = Double.parseDouble(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--streams" ->
                    streams = Arrays.stream(value.split(","))
                            .map(Integer::valueOf)
                            .toList();
                case "--xmx" -> xmx = value;
                case "--heartbeat" -> heartbeat = Duration.parse(value);
                case "--jar" -> jar = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--heap-dumps" -> heapDumps = Boolean.parseBoolean(value);
                default -> usage("unknown option " + args[i]);
            }
        }
        for (String store : stores) {
            if (!store.equals("redis") && !store.equals("inmemory")) {
                usage("unknown store " + store);
            }
        }
        Files.createDirectories(out);
        FeedLatency measurement =
                new FeedLatency(repeats, changes, rate, warmup, streams, xmx, heartbeat, jar, out, heapDumps);
        List<LatencyRow> latencies = new ArrayList<>();
        List<MemoryRow> memory = new ArrayList<>();
        RedisServerProcess redis = stores.contains("redis") ? RedisServerProcess.start() : null;
        try {
            if (redis != null) {
                System.out.println("own redis-server at " + redis.url());
            }
            if (parts.contains("latency")) {
                write(out.resolve("latency.tsv"), LATENCY_HEADER);
                for (String store : stores) {
                    latencies.addAll(measurement.latency(store, redis));
                }
            }
            if (parts.contains("memory")) {
                write(out.resolve("memory.tsv"), MEMORY_HEADER);
                for (String store : stores) {
                    memory.addAll(measurement.memory(store, redis));
                }
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
        System.out.println();
        if (!latencies.isEmpty()) {
            System.out.println(latencySummary(latencies, rate));
        }
        if (!memory.isEmpty()) {
            System.out.println(memorySummary(memory, xmx, heartbeat));
        }
    }

    private static void usage(String problem) {
        System.err.println(problem + "; usage: FeedLatency [--parts latency,memory] [--stores redis,inmemory]"
                + " [--repeats N] [--changes N] [--rate N] [--warmup N] [--streams 1000,5000] [--xmx 512m]"
                + " [--heartbeat PT2S] [--jar task-registry.jar] [--out directory] [--heap-dumps true]");
        System.exit(2);
    }

    private List<String> jvmOptions() {
        return List.of("-Xmx" + xmx);
    }

    private Map<String, String> environment(String store, RedisServerProcess redis) {
        Map<String, String> environment = new HashMap<>();
        environment.put("TASKREGISTRY_STORE", store);
        if (store.equals("redis")) {
            environment.put("TASKREGISTRY_REDIS_URL", redis.url());
            environment.put(
                    "TASKREGISTRY_REDIS_KEY_PREFIX",
                    "feed-" + UUID.randomUUID().toString().substring(0, 8));
        }
        return environment;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Event latency

    private List<LatencyRow> latency(String store, RedisServerProcess redis) throws IOException {
        int count = store.equals("redis") ? 2 : 1;
        List<LatencyRow> rows = new ArrayList<>();
        System.out.printf(Locale.ROOT, "== latency, %s store, %d worker(s)%n", store, count);
        try (ServiceWorkers workers = ServiceWorkers.start(
                jar, out.resolve("logs"), "latency-" + store, count, environment(store, redis), jvmOptions())) {
            Writer writer = new Writer(workers.base(0));
            phase(store, workers, writer, "warm-up", 0, warmup, 0);
            for (int r = 1; r <= repeats; r++) {
                for (double pacing : new double[] {rate, 0}) {
                    String label = pacing > 0 ? String.format(Locale.ROOT, "%.0f/s", pacing) : "unpaced";
                    for (LatencyRow row : phase(store, workers, writer, label, pacing, changes, r)) {
                        System.out.println(row.line());
                        append(out.resolve("latency.tsv"), row.tsv());
                        rows.add(row);
                    }
                }
            }
            for (int i = 0; i < count; i++) {
                if (!workers.isAlive(i)) {
                    throw new IllegalStateException("worker " + (i + 1) + " died; see " + out.resolve("logs"));
                }
            }
        }
        return rows;
    }

    /** One set of changes with fresh subscribers on the other worker (Redis) and on the writer's worker. */
    private List<LatencyRow> phase(
            String store, ServiceWorkers workers, Writer writer, String pacing, double perSecond, int total, int rep)
            throws IOException {
        String prefix = "fl-" + UUID.randomUUID().toString().substring(0, 8);
        List<Subscriber> subscribers = new ArrayList<>();
        try {
            if (store.equals("redis")) {
                subscribers.add(Subscriber.open("other worker", workers.base(1).resolve("/events")));
            }
            subscribers.add(Subscriber.open("same worker", workers.base(0).resolve("/events")));
            for (Subscriber subscriber : subscribers) {
                subscriber.awaitSubscribed(SUBSCRIBE_BOUND);
            }
            Writes writes = writer.write(prefix, total, perSecond);
            for (Subscriber subscriber : subscribers) {
                subscriber.awaitAll(writes.acked().keySet(), ARRIVAL_BOUND);
            }
            List<LatencyRow> rows = new ArrayList<>();
            for (Subscriber subscriber : subscribers) {
                rows.add(LatencyRow.of(store, subscriber, pacing, rep, writes));
                if (rep > 0) {
                    writeSamples(store, subscriber, pacing, rep, writes);
                }
            }
            return rows;
        } finally {
            subscribers.forEach(Subscriber::close);
        }
    }

    /**
     * Every change of one phase as one subscriber saw it, in the order they were made, for a look at the tail: when
     * the change was sent (ms after the first), and its event's latency from the answer and from the request (ms).
     */
    private void writeSamples(String store, Subscriber subscriber, String pacing, int rep, Writes writes)
            throws IOException {
        Path samples = out.resolve("samples");
        Files.createDirectories(samples);
        String name =
                String.join("-", store, subscriber.name().replace(' ', '-'), pacing.replace("/", "per"), "r" + rep);
        StringBuilder text = new StringBuilder("change\tsent_ms\tfrom_answer_ms\tfrom_request_ms\n");
        long first = writes.acked().values().stream()
                .mapToLong(times -> times[0])
                .min()
                .orElse(0);
        int index = 0;
        for (Map.Entry<String, long[]> change : writes.acked().entrySet()) {
            Long arrived = subscriber.arrivals.get(change.getKey());
            long[] times = change.getValue();
            text.append(String.format(
                    Locale.ROOT,
                    "%d\t%.3f\t%s\t%s%n",
                    index++,
                    millis(times[0] - first),
                    arrived == null ? "missing" : number(millis(arrived - times[1]), 3),
                    arrived == null ? "missing" : number(millis(arrived - times[0]), 3)));
        }
        Files.writeString(samples.resolve(name + ".tsv"), text.toString(), StandardCharsets.UTF_8);
    }

    /**
     * What one set of changes did: each acknowledged change (task id # version) with when its request was sent and
     * when its answer arrived ({@code System.nanoTime}).
     */
    record Writes(Map<String, long[]> acked, long[] callNanos, int attempted, int failed, double perSecond) {}

    /** Changes over HTTP on one worker, one call at a time: register a task, 9 progress updates, the next task. */
    static final class Writer {

        private final URI base;
        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();

        Writer(URI base) {
            this.base = base;
        }

        Writes write(String prefix, int total, double perSecond) {
            Map<String, long[]> acked = new LinkedHashMap<>();
            long[] calls = new long[total];
            int answered = 0;
            int failed = 0;
            long interval = perSecond > 0 ? (long) (1e9 / perSecond) : 0;
            long start = System.nanoTime();
            int made = 0;
            for (int task = 0; made < total; task++) {
                String id = prefix + "-" + task;
                for (int step = 0; step < CHANGES_PER_TASK && made < total; step++) {
                    if (interval > 0) {
                        parkUntil(start + made * interval);
                    }
                    made++;
                    HttpRequest request = step == 0
                            ? post(
                                    "/tasks",
                                    "{\"id\":\"" + id + "\",\"type\":\"feed_latency\",\"total_steps\":"
                                            + CHANGES_PER_TASK + ",\"ttl_seconds\":1800}")
                            : post("/tasks/" + id + "/progress", "{\"completed_steps\":" + step + "}");
                    long sent = System.nanoTime();
                    long version = send(request);
                    long answer = System.nanoTime();
                    if (version < 0) {
                        failed++;
                        break; // the next change of this task would not know its version: go on with a new task
                    }
                    acked.put(id + "#" + version, new long[] {sent, answer});
                    calls[answered++] = answer - sent;
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Writes(acked, Arrays.copyOf(calls, answered), made, failed, made / seconds);
        }

        private HttpRequest post(String path, String body) {
            return HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        }

        /** The task's version in a 200 or 201 answer; -1 for any other answer or a failed call. */
        private long send(HttpRequest request) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200 && response.statusCode() != 201) {
                    System.err.println(request.method() + " " + request.uri().getPath() + " answered "
                            + response.statusCode() + ": " + response.body());
                    return -1;
                }
                return JSON.readTree(response.body()).get("version").asLong();
            } catch (IOException e) {
                System.err.println(request.method() + " " + request.uri().getPath() + " failed: " + e);
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private static void parkUntil(long nanoTime) {
            for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }
    }

    /**
     * One {@code GET /events} stream, read line by line on a platform thread of its own: for every change event the
     * moment its first line arrived, by task id and version; duplicates (an id and version seen before) and versions
     * of a task arriving after a later one.
     */
    static final class Subscriber implements AutoCloseable {

        private static final HttpClient HTTP = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();

        private final String name;
        private final HttpResponse<Stream<String>> response;
        private final CountDownLatch subscribed = new CountDownLatch(1);
        private final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        private final Map<String, Long> lastVersion = new ConcurrentHashMap<>();
        private final AtomicInteger duplicates = new AtomicInteger();
        private final AtomicInteger outOfOrder = new AtomicInteger();
        private final List<String> otherEvents = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean closing;
        private volatile String ended;

        private Subscriber(String name, HttpResponse<Stream<String>> response) {
            this.name = name;
            this.response = response;
            Thread reader = new Thread(this::read, "subscriber " + name);
            reader.setDaemon(true);
            reader.start();
        }

        static Subscriber open(String name, URI events) {
            HttpRequest request = HttpRequest.newBuilder(events)
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build();
            try {
                HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
                if (response.statusCode() != 200) {
                    String body;
                    try (Stream<String> lines = response.body()) {
                        body = String.join("\n", lines.toList());
                    }
                    throw new IllegalStateException(
                            "GET " + events + " answered " + response.statusCode() + ": " + body);
                }
                return new Subscriber(name, response);
            } catch (IOException e) {
                throw new UncheckedIOException("GET " + events, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        String name() {
            return name;
        }

        private void read() {
            String event = null;
            StringBuilder data = new StringBuilder();
            long first = 0;
            try (Stream<String> lines = response.body()) {
                Iterator<String> iterator = lines.iterator();
                while (iterator.hasNext()) {
                    String line = iterator.next();
                    long now = System.nanoTime();
                    if (line.isEmpty()) {
                        if (event != null || !data.isEmpty()) {
                            dispatch(event == null ? "message" : event, data.toString(), first);
                        }
                        event = null;
                        data.setLength(0);
                        first = 0;
                        continue;
                    }
                    if (first == 0) {
                        first = now;
                    }
                    if (line.startsWith(":")) {
                        if (line.substring(1).strip().equals("subscribed")) {
                            subscribed.countDown();
                        }
                        first = 0;
                    } else if (line.startsWith("event:")) {
                        event = line.substring("event:".length()).strip();
                    } else if (line.startsWith("data:")) {
                        if (!data.isEmpty()) {
                            data.append('\n');
                        }
                        String value = line.substring("data:".length());
                        data.append(value.startsWith(" ") ? value.substring(1) : value);
                    }
                }
                ended = "the stream ended";
            } catch (RuntimeException e) {
                if (!closing) {
                    ended = "the stream failed: " + e;
                }
            }
        }

        private void dispatch(String event, String data, long arrived) {
            if (!event.equals("registered") && !event.equals("updated")) {
                otherEvents.add(event + " " + data);
                return;
            }
            try {
                JsonNode change = JSON.readTree(data);
                String id = change.get("task_id").asText();
                long version = change.get("version").asLong();
                if (arrivals.putIfAbsent(id + "#" + version, arrived) != null) {
                    duplicates.incrementAndGet();
                    return;
                }
                Long before = lastVersion.put(id, version);
                if (before != null && before > version) {
                    outOfOrder.incrementAndGet();
                }
            } catch (IOException e) {
                otherEvents.add("unreadable " + event + " " + data);
            }
        }

        void awaitSubscribed(Duration bound) {
            try {
                if (!subscribed.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(
                            "no ': subscribed' on the " + name + " stream within " + bound + "; " + ended);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        /** Waits until every key has arrived, at most {@code bound}; the caller counts what is missing. */
        void awaitAll(Set<String> keys, Duration bound) {
            long deadline = System.nanoTime() + bound.toNanos();
            while (System.nanoTime() < deadline && !arrivals.keySet().containsAll(keys) && ended == null) {
                ServiceWorkers.sleep(Duration.ofMillis(10));
            }
        }

        @Override
        public void close() {
            closing = true;
            response.body().close();
        }
    }

    /** What one subscriber saw of one set of changes. Times in milliseconds. */
    record LatencyRow(
            String store,
            String subscriber,
            String pacing,
            int repetition,
            int changes,
            double changesPerSecond,
            int failedCalls,
            int received,
            int missing,
            int duplicates,
            int outOfOrder,
            int unexpected,
            int beforeAnswer,
            double min,
            double p50,
            double p90,
            double p99,
            double max,
            double fromRequestP50,
            double fromRequestP99,
            double callP50,
            double callP99,
            double load,
            String notes) {

        static LatencyRow of(String store, Subscriber subscriber, String pacing, int repetition, Writes writes) {
            long[] latencies = new long[writes.acked().size()];
            long[] fromRequest = new long[writes.acked().size()];
            int matched = 0;
            int missing = 0;
            for (Map.Entry<String, long[]> change : writes.acked().entrySet()) {
                Long arrived = subscriber.arrivals.get(change.getKey());
                if (arrived == null) {
                    missing++;
                } else {
                    fromRequest[matched] = arrived - change.getValue()[0];
                    latencies[matched++] = arrived - change.getValue()[1];
                }
            }
            long[] sorted = Arrays.copyOf(latencies, matched);
            Arrays.sort(sorted);
            long[] sortedFromRequest = Arrays.copyOf(fromRequest, matched);
            Arrays.sort(sortedFromRequest);
            int beforeAnswer = (int) Arrays.stream(sorted).filter(l -> l < 0).count();
            long[] calls = writes.callNanos().clone();
            Arrays.sort(calls);
            int unexpected = (int) subscriber.arrivals.keySet().stream()
                    .filter(k -> !writes.acked().containsKey(k))
                    .count();
            List<String> notes = new ArrayList<>();
            if (subscriber.ended != null) {
                notes.add(subscriber.ended);
            }
            synchronized (subscriber.otherEvents) {
                subscriber.otherEvents.stream().limit(3).forEach(e -> notes.add("other event: " + e));
            }
            return new LatencyRow(
                    store,
                    subscriber.name(),
                    pacing,
                    repetition,
                    writes.attempted(),
                    writes.perSecond(),
                    writes.failed(),
                    subscriber.arrivals.size(),
                    missing,
                    subscriber.duplicates.get(),
                    subscriber.outOfOrder.get(),
                    unexpected,
                    beforeAnswer,
                    millis(sorted.length == 0 ? 0 : sorted[0]),
                    millis(percentile(sorted, 0.50)),
                    millis(percentile(sorted, 0.90)),
                    millis(percentile(sorted, 0.99)),
                    millis(sorted.length == 0 ? 0 : sorted[sorted.length - 1]),
                    millis(percentile(sortedFromRequest, 0.50)),
                    millis(percentile(sortedFromRequest, 0.99)),
                    millis(percentile(calls, 0.50)),
                    millis(percentile(calls, 0.99)),
                    loadAverage(),
                    notes.isEmpty() ? "-" : String.join("; ", notes));
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "%s, %s, %s #%d: %d changes at %.0f/s (%d failed), %d events received, %d missing, %d duplicates,"
                            + " %d out of order, %d unexpected, %d before the answer; from the answer ms min %.2f p50 %.2f"
                            + " p90 %.2f p99 %.2f max %.2f; from the request p50 %.2f p99 %.2f; the change's own call"
                            + " p50 %.2f p99 %.2f ms; load average %.2f; %s",
                    store,
                    subscriber,
                    pacing,
                    repetition,
                    changes,
                    changesPerSecond,
                    failedCalls,
                    received,
                    missing,
                    duplicates,
                    outOfOrder,
                    unexpected,
                    beforeAnswer,
                    min,
                    p50,
                    p90,
                    p99,
                    max,
                    fromRequestP50,
                    fromRequestP99,
                    callP50,
                    callP99,
                    load,
                    notes);
        }

        String tsv() {
            return String.join(
                    "\t",
                    store,
                    subscriber,
                    pacing,
                    String.valueOf(repetition),
                    String.valueOf(changes),
                    number(changesPerSecond, 0),
                    String.valueOf(failedCalls),
                    String.valueOf(received),
                    String.valueOf(missing),
                    String.valueOf(duplicates),
                    String.valueOf(outOfOrder),
                    String.valueOf(unexpected),
                    String.valueOf(beforeAnswer),
                    number(min, 3),
                    number(p50, 3),
                    number(p90, 3),
                    number(p99, 3),
                    number(max, 3),
                    number(fromRequestP50, 3),
                    number(fromRequestP99, 3),
                    number(callP50, 3),
                    number(callP99, 3),
                    number(load, 2),
                    notes.replace('\t', ' ').replace('\n', ' '));
        }
    }

    static String latencySummary(List<LatencyRow> rows, double rate) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "event latency, from the change's answer to its event on the stream (ms, negative: the event came"
                        + " first; median over the repetitions, range in brackets; max: the largest of any repetition;"
                        + " from req.: from the change's request); paced at %.0f/s and unpaced%n",
                rate));
        text.append(String.format(
                Locale.ROOT,
                "%-9s %-13s %-8s %4s %7s %6s %22s %22s %22s %9s %14s %8s %10s %9s%n",
                "store",
                "subscriber",
                "pacing",
                "reps",
                "changes",
                "chg/s",
                "p50",
                "p90",
                "p99",
                "max",
                "from req. p50",
                "missing",
                "duplicates",
                "call p50"));
        Map<String, List<LatencyRow>> byKind = new LinkedHashMap<>();
        rows.forEach(r -> byKind.computeIfAbsent(
                        r.store() + "\t" + r.subscriber() + "\t" + r.pacing(), k -> new ArrayList<>())
                .add(r));
        byKind.forEach((key, list) -> {
            String[] names = key.split("\t");
            text.append(String.format(
                    Locale.ROOT,
                    "%-9s %-13s %-8s %4d %7d %6.0f %22s %22s %22s %9.2f %14.2f %8d %10d %9.2f%n",
                    names[0],
                    names[1],
                    names[2],
                    list.size(),
                    list.stream().mapToInt(LatencyRow::changes).sum(),
                    median(list, LatencyRow::changesPerSecond),
                    medianRange(list, LatencyRow::p50),
                    medianRange(list, LatencyRow::p90),
                    medianRange(list, LatencyRow::p99),
                    list.stream().mapToDouble(LatencyRow::max).max().orElse(0),
                    median(list, LatencyRow::fromRequestP50),
                    list.stream().mapToInt(LatencyRow::missing).sum(),
                    list.stream().mapToInt(LatencyRow::duplicates).sum(),
                    median(list, LatencyRow::callP50)));
        });
        return text.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Memory per idle subscriber

    private List<MemoryRow> memory(String store, RedisServerProcess redis) throws IOException {
        List<MemoryRow> rows = new ArrayList<>();
        for (int count : streams) {
            for (int r = 1; r <= repeats; r++) {
                MemoryRow row = memoryOnce(store, redis, count, r);
                System.out.println(row.line());
                append(out.resolve("memory.tsv"), row.tsv());
                rows.add(row);
            }
        }
        return rows;
    }

    private MemoryRow memoryOnce(String store, RedisServerProcess redis, int count, int repetition) throws IOException {
        System.out.printf(
                Locale.ROOT, "== memory, %s store, %d idle streams, repetition %d%n", store, count, repetition);
        Map<String, String> environment = environment(store, redis);
        environment.put("TASKREGISTRY_FEED_HEARTBEAT", heartbeat.toString());
        String name = "memory-" + store + "-" + count + "-r" + repetition;
        try (ServiceWorkers worker =
                ServiceWorkers.start(jar, out.resolve("logs"), name, 1, environment, jvmOptions())) {
            long pid = worker.pid(0);
            URI events = worker.base(0).resolve("/events");
            try (IdleStreams warm = IdleStreams.open(events, WARM_STREAMS, SUBSCRIBE_BOUND)) {
                awaitGauge(worker, "taskregistry_feed_subscribers", WARM_STREAMS, SUBSCRIBE_BOUND);
            }
            awaitReleased(worker);
            Sample base = Sample.of(pid);
            Sample open;
            double subscribersOpen;
            try (IdleStreams idle = IdleStreams.open(events, count, Duration.ofSeconds(30 + count / 50))) {
                awaitGauge(worker, "taskregistry_feed_subscribers", count, SUBSCRIBE_BOUND);
                // Every stream has written at least one heartbeat: what an idle stream holds in its steady state.
                ServiceWorkers.sleep(heartbeat.multipliedBy(2).plusMillis(500));
                if (idle.ended() > 0 || !worker.isAlive(0)) {
                    throw new IllegalStateException(idle.ended() + " of " + count
                            + " idle streams ended while open; worker alive: " + worker.isAlive(0));
                }
                subscribersOpen = worker.metrics(0).getOrDefault("taskregistry_feed_subscribers", -1.0);
                open = Sample.of(pid);
                if (heapDumps) {
                    Path dump = out.resolve(name + ".hprof").toAbsolutePath();
                    Files.deleteIfExists(dump);
                    Sample.jcmd(pid, "GC.heap_dump " + dump);
                }
            }
            long closedAt = System.nanoTime();
            boolean released = awaitReleased(worker);
            double releaseMillis = released ? (System.nanoTime() - closedAt) / 1e6 : Double.NaN;
            Map<String, Double> metrics = worker.metrics(0);
            Sample closed = Sample.of(pid);
            double load = loadAverage();
            Files.writeString(
                    out.resolve(name + "-classes.txt"), Sample.grownClasses(base, open, count), StandardCharsets.UTF_8);
            return new MemoryRow(
                    store,
                    count,
                    repetition,
                    xmx,
                    base,
                    open,
                    closed,
                    subscribersOpen,
                    metrics.getOrDefault("taskregistry_feed_subscribers", -1.0),
                    metrics.getOrDefault("taskregistry_feed_subscriptions", -1.0),
                    releaseMillis,
                    load);
        }
    }

    /** Waits until the worker's subscriber and subscription gauges are 0; false if not within the bound. */
    private static boolean awaitReleased(ServiceWorkers worker) {
        long deadline = System.nanoTime() + RELEASE_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Double> metrics = worker.metrics(0);
            if (metrics.getOrDefault("taskregistry_feed_subscribers", -1.0) == 0
                    && metrics.getOrDefault("taskregistry_feed_subscriptions", -1.0) == 0) {
                return true;
            }
            ServiceWorkers.sleep(Duration.ofMillis(100));
        }
        return false;
    }

    private static void awaitGauge(ServiceWorkers worker, String gauge, double value, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        double seen = -1;
        while (System.nanoTime() < deadline) {
            seen = worker.metrics(0).getOrDefault(gauge, -1.0);
            if (seen == value) {
                return;
            }
            ServiceWorkers.sleep(Duration.ofMillis(100));
        }
        throw new IllegalStateException(gauge + " is " + seen + ", not " + value + ", after " + bound);
    }

    /**
     * Idle {@code GET /events} streams, each read on a virtual thread of its own (heartbeats only), opened a few at a
     * time: {@link #open} returns once every stream has sent {@code : subscribed}. Closing drops every connection,
     * as departing clients would.
     */
    static final class IdleStreams implements AutoCloseable {

        private final HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        private final List<HttpResponse<Stream<String>>> responses = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger ended = new AtomicInteger();
        private final AtomicInteger refused = new AtomicInteger();
        private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean closing;

        static IdleStreams open(URI events, int count, Duration bound) {
            IdleStreams streams = new IdleStreams();
            try {
                streams.openAll(events, count, bound);
                return streams;
            } catch (RuntimeException e) {
                streams.close();
                throw e;
            }
        }

        private void openAll(URI events, int count, Duration bound) {
            HttpRequest request = HttpRequest.newBuilder(events)
                    .header("Accept", "text/event-stream")
                    .GET()
                    .build();
            CountDownLatch subscribed = new CountDownLatch(count);
            Semaphore opening = new Semaphore(OPENING_AT_ONCE);
            long deadline = System.nanoTime() + bound.toNanos();
            try {
                for (int i = 0; i < count; i++) {
                    if (!opening.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        break;
                    }
                    http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).whenComplete((response, failure) -> {
                        if (failure != null || response.statusCode() != 200) {
                            refused.incrementAndGet();
                            problems.add(failure != null ? failure.toString() : "status " + response.statusCode());
                            if (response != null) {
                                response.body().close();
                            }
                            opening.release();
                            return;
                        }
                        responses.add(response);
                        Thread.ofVirtual().name("idle-stream").start(() -> consume(response, subscribed, opening));
                    });
                }
                if (!subscribed.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException((count - subscribed.getCount()) + " of " + count
                            + " streams subscribed within " + bound + "; refused " + refused + ", ended " + ended
                            + "; first problems: " + problems.stream().limit(3).toList());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private void consume(HttpResponse<Stream<String>> response, CountDownLatch subscribed, Semaphore opening) {
            boolean counted = false;
            try (Stream<String> lines = response.body()) {
                Iterator<String> iterator = lines.iterator();
                while (iterator.hasNext()) {
                    String line = iterator.next();
                    if (!counted
                            && line.startsWith(":")
                            && line.substring(1).strip().equals("subscribed")) {
                        counted = true;
                        subscribed.countDown();
                        opening.release();
                    }
                }
            } catch (RuntimeException closed) {
                // closing drops the connection under the reader
            } finally {
                if (!counted) {
                    opening.release();
                }
                if (!closing) {
                    ended.incrementAndGet();
                }
            }
        }

        int ended() {
            return ended.get();
        }

        @Override
        public void close() {
            closing = true;
            synchronized (responses) {
                for (HttpResponse<Stream<String>> response : responses) {
                    response.body().close();
                }
            }
            http.shutdownNow();
            try {
                http.awaitTermination(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A worker's memory at one moment: live heap by class (after a full GC), heap used after GC, RSS, threads. */
    record Sample(long liveBytes, Map<String, long[]> byClass, long heapUsedKb, long rssKb, int threads) {

        static Sample of(long pid) {
            String histogram = jcmd(pid, "GC.class_histogram");
            Map<String, long[]> byClass = new HashMap<>();
            for (String line : histogram.split("\n")) {
                Matcher row = HISTOGRAM_ROW.matcher(line);
                if (row.find()) {
                    byClass.merge(
                            row.group(3),
                            new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))},
                            (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
                }
            }
            Matcher total = HISTOGRAM_TOTAL.matcher(histogram);
            if (!total.find()) {
                throw new IllegalStateException("no total in jcmd GC.class_histogram: " + head(histogram));
            }
            jcmd(pid, "GC.run");
            String heap = jcmd(pid, "GC.heap_info");
            Matcher used = HEAP_USED.matcher(heap);
            if (!used.find()) {
                throw new IllegalStateException("no heap use in jcmd GC.heap_info: " + head(heap));
            }
            long rss = -1;
            int threads = -1;
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    } else if (line.startsWith("Threads:")) {
                        threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Sample(Long.parseLong(total.group(2)), byClass, Long.parseLong(used.group(1)), rss, threads);
        }

        /** The classes whose live bytes grew most from {@code base} to {@code open}, per stream. */
        static String grownClasses(Sample base, Sample open, int streams) {
            record Growth(String name, long instances, long bytes) {}
            List<Growth> growth = new ArrayList<>();
            open.byClass().forEach((name, now) -> {
                long[] before = base.byClass().getOrDefault(name, new long[2]);
                growth.add(new Growth(name, now[0] - before[0], now[1] - before[1]));
            });
            growth.sort(Comparator.comparingLong(Growth::bytes).reversed());
            StringBuilder text = new StringBuilder(String.format(
                    Locale.ROOT,
                    "live heap: %d bytes before, %d with %d idle streams: %d bytes per stream%n"
                            + "%14s %12s %16s %14s  %s%n",
                    base.liveBytes(),
                    open.liveBytes(),
                    streams,
                    streams == 0 ? 0 : (open.liveBytes() - base.liveBytes()) / streams,
                    "bytes grown",
                    "instances",
                    "bytes per stream",
                    "per stream",
                    "class"));
            for (Growth g : growth.subList(0, Math.min(CLASSES_SHOWN, growth.size()))) {
                text.append(String.format(
                        Locale.ROOT,
                        "%14d %12d %16.1f %14.2f  %s%n",
                        g.bytes(),
                        g.instances(),
                        streams == 0 ? 0.0 : (double) g.bytes() / streams,
                        streams == 0 ? 0.0 : (double) g.instances() / streams,
                        g.name()));
            }
            return text.toString();
        }

        static String jcmd(long pid, String command) {
            Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
            Path jcmd = java.getParent() == null
                    ? Path.of("jcmd")
                    : java.getParent().resolve("jcmd");
            try {
                List<String> call = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
                call.addAll(List.of(command.split(" ")));
                Process process =
                        new ProcessBuilder(call).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + head(output));
                }
                return output;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private static String head(String text) {
            return text.length() > 300 ? text.substring(0, 300) + "..." : text;
        }
    }

    /** One worker's memory without and with idle streams, and after they were closed. */
    record MemoryRow(
            String store,
            int streams,
            int repetition,
            String xmx,
            Sample base,
            Sample open,
            Sample closed,
            double subscribersOpen,
            double subscribersClosed,
            double subscriptionsClosed,
            double releaseMillis,
            double load) {

        double heapBytesPerStream() {
            return streams == 0 ? Double.NaN : (double) (open.liveBytes() - base.liveBytes()) / streams;
        }

        double rssBytesPerStream() {
            return streams == 0 ? Double.NaN : (open.rssKb() - base.rssKb()) * 1024.0 / streams;
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "%s, %d idle streams #%d (-Xmx%s): live heap %.1f -> %.1f MiB (%.0f B per stream), %.1f MiB after"
                            + " closing; heap used after GC %.1f -> %.1f MiB; RSS %.1f -> %.1f MiB (%.0f B per stream),"
                            + " %.1f MiB after closing; threads %d -> %d; subscribers gauge %.0f open, %.0f (subscriptions"
                            + " %.0f) %.0f ms after closing; load average %.2f",
                    store,
                    streams,
                    repetition,
                    xmx,
                    mib(base.liveBytes()),
                    mib(open.liveBytes()),
                    heapBytesPerStream(),
                    mib(closed.liveBytes()),
                    base.heapUsedKb() / 1024.0,
                    open.heapUsedKb() / 1024.0,
                    base.rssKb() / 1024.0,
                    open.rssKb() / 1024.0,
                    rssBytesPerStream(),
                    closed.rssKb() / 1024.0,
                    base.threads(),
                    open.threads(),
                    subscribersOpen,
                    subscribersClosed,
                    subscriptionsClosed,
                    releaseMillis,
                    load);
        }

        String tsv() {
            return String.join(
                    "\t",
                    store,
                    String.valueOf(streams),
                    String.valueOf(repetition),
                    xmx,
                    String.valueOf(base.liveBytes()),
                    String.valueOf(open.liveBytes()),
                    String.valueOf(closed.liveBytes()),
                    number(heapBytesPerStream(), 0),
                    String.valueOf(base.heapUsedKb() * 1024),
                    String.valueOf(open.heapUsedKb() * 1024),
                    String.valueOf(base.rssKb() * 1024),
                    String.valueOf(open.rssKb() * 1024),
                    String.valueOf(closed.rssKb() * 1024),
                    number(rssBytesPerStream(), 0),
                    String.valueOf(base.threads()),
                    String.valueOf(open.threads()),
                    number(subscribersOpen, 0),
                    number(subscribersClosed, 0),
                    number(subscriptionsClosed, 0),
                    number(releaseMillis, 0),
                    number(load, 2));
        }

        private static double mib(long bytes) {
            return bytes / (1024.0 * 1024.0);
        }
    }

    static String memorySummary(List<MemoryRow> rows, String xmx, Duration heartbeat) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "memory per idle subscriber (-Xmx%s, heartbeat %s; median over the repetitions, range in brackets)%n",
                xmx,
                heartbeat));
        text.append(String.format(
                Locale.ROOT,
                "%-9s %7s %4s %24s %24s %20s %20s %12s %18s%n",
                "store",
                "streams",
                "reps",
                "heap B/stream",
                "RSS B/stream",
                "live heap MiB base",
                "live heap MiB closed",
                "threads open",
                "back to 0 after ms"));
        Map<String, List<MemoryRow>> byKind = new LinkedHashMap<>();
        rows.forEach(r -> byKind.computeIfAbsent(r.store() + "\t" + r.streams(), k -> new ArrayList<>())
                .add(r));
        byKind.forEach((key, list) -> {
            String[] names = key.split("\t");
            boolean allReleased =
                    list.stream().allMatch(r -> r.subscribersClosed() == 0 && r.subscriptionsClosed() == 0);
            text.append(String.format(
                    Locale.ROOT,
                    "%-9s %7s %4d %24s %24s %20s %20s %12s %18s%n",
                    names[0],
                    names[1],
                    list.size(),
                    medianRange(list, MemoryRow::heapBytesPerStream, 0),
                    medianRange(list, MemoryRow::rssBytesPerStream, 0),
                    medianRange(list, r -> r.base().liveBytes() / 1048576.0, 1),
                    medianRange(list, r -> r.closed().liveBytes() / 1048576.0, 1),
                    String.format(
                            Locale.ROOT, "%.0f", median(list, r -> r.open().threads())),
                    allReleased
                            ? String.format(Locale.ROOT, "%.0f", median(list, MemoryRow::releaseMillis))
                            : "NOT RELEASED"));
        });
        return text.toString();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The machine's load average over the last minute (/proc/loadavg): how shared the 2 cores were. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException unreadable) {
            return Double.NaN;
        }
    }

    private static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static <T> double median(List<T> rows, ToDoubleFunction<T> value) {
        double[] sorted = rows.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static <T> String medianRange(List<T> rows, ToDoubleFunction<T> value) {
        return medianRange(rows, value, 2);
    }

    private static <T> String medianRange(List<T> rows, ToDoubleFunction<T> value, int decimals) {
        double[] sorted = rows.stream().mapToDouble(value).sorted().toArray();
        String format = "%." + decimals + "f";
        return String.format(
                Locale.ROOT,
                format + " (" + format + "–" + format + ")",
                median(rows, value),
                sorted[0],
                sorted[sorted.length - 1]);
    }

    private static String number(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static void write(Path file, String header) throws IOException {
        Files.writeString(file, header + "\n", StandardCharsets.UTF_8);
    }

    private static void append(Path file, String row) throws IOException {
        Files.writeString(file, row + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
