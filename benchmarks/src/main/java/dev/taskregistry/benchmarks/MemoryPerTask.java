package dev.taskregistry.benchmarks;

import dev.taskregistry.adapters.redis.RedisTaskRepository;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskRegistration;
import dev.taskregistry.domain.TaskType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.KeyValue;

/**
 * Redis memory per task the way a user pays for it (issue #16, point 4): the growth of {@code used_memory}
 * over N typical tasks (pending, the fixture's query and 10 steps, four types round-robin, the default layout
 * and feed retention of 10000 events) registered through {@link RedisTaskRepository#registerAll}, which runs
 * the register script exactly as {@code register} does; then where it goes: the document keys
 * ({@code MEMORY USAGE} of a sample), each sorted set's share, the types set, the events stream, and the
 * remainder (the main and expires dictionaries' entries and buckets and allocator rounding that
 * {@code MEMORY USAGE} does not count); last, what deleting {@code idx:all} would give back.
 *
 * <p>Run: {@code BENCH_REDIS_URL=redis://127.0.0.1:<port> java -cp benchmarks/target/benchmarks.jar
 * dev.taskregistry.benchmarks.MemoryPerTask 100000 1000000}. It FLUSHALLs that Redis before each size:
 * never point it at a Redis holding anything (BenchmarkRedis refuses port 6379).
 */
public final class MemoryPerTask {

    private static final String PREFIX = "mem";
    private static final int BATCH = 10_000;
    private static final int SAMPLE = 2_000;
    /** Far beyond the run: nothing expires while it is measured. */
    private static final Duration TTL = Duration.ofHours(6);

    private MemoryPerTask() {}

    public static void main(String[] args) throws InterruptedException {
        List<Integer> sizes = new ArrayList<>();
        for (String arg : args) {
            sizes.add(Integer.parseInt(arg.replace("_", "").replace(",", "")));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(100_000, 1_000_000);
        }
        try (RedisClient raw = BenchmarkRedis.rawClient()) {
            System.out.println("redis: " + BenchmarkRedis.url() + ", " + field(raw.info("server"), "redis_version")
                    + ", " + field(raw.info("memory"), "mem_allocator"));
            for (int size : sizes) {
                measure(raw, size);
            }
            raw.flushAll();
        }
    }

    /** The stored document's length: the typical task (#16). */
    static final int DOCUMENT_BYTES = 487;
    /**
     * The document's length less its query's and less its type and id (once, and twice, with the resource URL
     * {@code mcp://task/<id>}): the fixed fields of a pending task (UTC instants with milliseconds, a 16-hex write
     * id, version 1, the nulls).
     */
    private static final int FIXED_BYTES = 385;

    private static final String QUERY = "analyse ACME Corp. equity and credit exposure for the quarter";

    /**
     * Task number {@code n} as the service registers it for a client that names no id: pending, 10 steps, no
     * estimated completion, the default resource URL {@code mcp://task/{id}}, an unguessable id as long as
     * TaskIdGenerator's ({@code task-} and 32 hex digits of 128 random bits, seeded here so runs repeat), types
     * round-robin; the query ({@code analyse ACME...}) cut to the length that makes every document exactly
     * {@link #DOCUMENT_BYTES} long, whatever its type's length.
     */
    static Task typical(int n, Random random, Instant now) {
        TaskType type = BenchmarkTasks.TYPES.get(n % BenchmarkTasks.TYPES.size());
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        String id = "task-" + HexFormat.of().formatHex(bits);
        int query = DOCUMENT_BYTES - FIXED_BYTES - type.value().length() - 2 * id.length();
        TaskRegistration registration =
                new TaskRegistration(TaskId.of(id), type, "mcp://task/" + id, QUERY.substring(0, query), 10, null);
        return Task.register(registration, now, TTL);
    }

    private static void measure(RedisClient raw, int size) throws InterruptedException {
        raw.flushAll();
        raw.sendCommand(Protocol.Command.SCRIPT, "FLUSH");
        settle();
        long before = usedMemory(raw);

        Instant now = Clock.systemUTC().instant();
        Random random = new Random(16L * size);
        String[] keys = new String[size];
        long started = System.nanoTime();
        try (RedisTaskRepository repository = BenchmarkRedis.repository(PREFIX)) {
            for (int start = 0; start < size; start += BATCH) {
                List<Task> batch = new ArrayList<>(BATCH);
                for (int n = start; n < Math.min(size, start + BATCH); n++) {
                    Task task = typical(n, random, now);
                    keys[n] = BenchmarkRedis.taskKey(PREFIX, task.id().value());
                    batch.add(task);
                }
                List<TaskId> live = repository.registerAll(batch);
                if (!live.isEmpty()) {
                    throw new IllegalStateException(live.size() + " tasks were live already");
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        // The repository's connections are closed: their query buffers (1000 pipelined scripts) are gone.
        settle();
        long after = usedMemory(raw);
        long delta = after - before;

        System.out.printf(
                "%n=== N = %,d typical tasks (registered through RedisTaskRepository.registerAll in %.1f s)%n",
                size, seconds);
        System.out.printf(
                "used_memory before %,d  after %,d  delta %,d  => %.1f B per task%n",
                before, after, delta, (double) delta / size);

        // The documents: a sample spread over the whole range.
        long docUsage = 0;
        long docLength = 0;
        long shortest = Long.MAX_VALUE;
        long longest = 0;
        int sampled = 0;
        for (int i = 0; i < SAMPLE; i++) {
            int n = (int) ((long) i * size / SAMPLE);
            String key = keys[n];
            Long usage = raw.memoryUsage(key, 0);
            if (usage == null) {
                throw new IllegalStateException(key + " is not stored");
            }
            docUsage += usage;
            long length = raw.strlen(key);
            docLength += length;
            shortest = Math.min(shortest, length);
            longest = Math.max(longest, length);
            sampled++;
        }
        double docPerTask = (double) docUsage / sampled;
        double docBytes = (double) docLength / sampled;
        String encoding = raw.objectEncoding(keys[0]);
        System.out.println(
                "a typical document (" + raw.strlen(keys[1]) + " B, key " + keys[1] + "): " + raw.get(keys[1]));

        Map<String, double[]> parts = new LinkedHashMap<>();
        parts.put("document key (MEMORY USAGE, avg of " + sampled + ")", new double[] {docPerTask, docPerTask * size});
        double indexes = 0;
        String all = BenchmarkRedis.key(PREFIX, "idx:all");
        indexes += sortedSet(raw, parts, all, size);
        indexes += sortedSet(raw, parts, BenchmarkRedis.key(PREFIX, "idx:status:pending"), size);
        for (TaskType type : BenchmarkTasks.TYPES) {
            indexes += sortedSet(raw, parts, BenchmarkRedis.key(PREFIX, "idx:type:" + type.value()), size);
        }
        String types = BenchmarkRedis.key(PREFIX, "types");
        long typesUsage = raw.memoryUsage(types, 0);
        parts.put(
                "types set (" + raw.scard(types) + " members)", new double[] {(double) typesUsage / size, typesUsage});
        String events = BenchmarkRedis.key(PREFIX, "events");
        long eventsUsage = raw.memoryUsage(events, 0);
        long eventsLength = raw.xlen(events);
        parts.put(
                "events stream (XLEN " + eventsLength + ", " + eventsUsage / Math.max(1, eventsLength)
                        + " B per event)",
                new double[] {(double) eventsUsage / size, eventsUsage});

        // Every other key of the registry (none expected beyond the shard-count record).
        long others = 0;
        List<String> otherKeys = new ArrayList<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().count(10_000);
        do {
            ScanResult<String> page = raw.scan(cursor, params);
            for (String key : page.getResult()) {
                if (!key.startsWith(BenchmarkRedis.key(PREFIX, "task:"))
                        && !key.contains(":idx:")
                        && !key.equals(types)
                        && !key.equals(events)) {
                    otherKeys.add(key);
                    others += raw.memoryUsage(key, 0);
                }
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        parts.put("other keys " + otherKeys, new double[] {(double) others / size, others});

        double listed = 0;
        System.out.printf(
                "document: %.1f bytes of JSON (STRLEN, avg; %d..%d), OBJECT ENCODING %s%n",
                docBytes, shortest, longest, encoding);
        System.out.printf("%-72s %10s %14s%n", "part", "B/task", "bytes");
        for (Map.Entry<String, double[]> part : parts.entrySet()) {
            System.out.printf("%-72s %10.1f %,14.0f%n", part.getKey(), part.getValue()[0], part.getValue()[1]);
            listed += part.getValue()[1];
        }
        double remainder = delta - listed;
        System.out.printf(
                "%-72s %10.1f %,14.0f%n",
                "remainder (dict entries + buckets, expires dict, allocator rounding)", remainder / size, remainder);
        System.out.printf("%-72s %10.1f %,14d%n", "total (used_memory delta)", (double) delta / size, delta);
        System.out.printf("of it the id-bearing indexes (idx:all + status + type): %.1f B/task%n", indexes);

        System.out.println("INFO keyspace: " + field(raw.info("keyspace"), "db0"));
        String memory = raw.info("memory");
        for (String name : List.of(
                "used_memory",
                "used_memory_dataset",
                "used_memory_overhead",
                "used_memory_scripts_eval",
                "used_memory_vm_eval",
                "mem_fragmentation_ratio",
                "allocator_allocated")) {
            System.out.println("INFO memory " + name + ": " + field(memory, name));
        }
        Map<String, Object> stats = memoryStats(raw);
        for (String name : List.of(
                "overhead.total", "dataset.bytes", "keys.count", "keys.bytes-per-key", "dataset.percentage", "db.0")) {
            System.out.println("MEMORY STATS " + name + ": " + stats.get(name));
        }
        if (stats.get("db.0") instanceof Map<?, ?> db) {
            for (String name : List.of("overhead.hashtable.main", "overhead.hashtable.expires")) {
                Object bytes = db.get(name);
                System.out.printf(
                        "MEMORY STATS db.0 %s: %s = %.1f B per task%n",
                        name, bytes, Double.parseDouble(String.valueOf(bytes)) / size);
            }
        }

        // (i) Without idx:all: what deleting it gives back.
        raw.del(all);
        settle();
        long withoutAll = usedMemory(raw);
        System.out.printf(
                "(i) DEL %s: used_memory %,d -> %,d, %,d bytes freed = %.1f B per task;"
                        + " per task without it: %.1f B%n",
                all,
                after,
                withoutAll,
                after - withoutAll,
                (double) (after - withoutAll) / size,
                (double) (withoutAll - before) / size);
        // (iii) And without the events stream (a constant of the retention, not of N).
        raw.del(events);
        settle();
        long withoutEvents = usedMemory(raw);
        System.out.printf(
                "(iii) then DEL %s: %,d bytes freed = %.1f B per task; per task without idx:all and"
                        + " the stream: %.1f B%n",
                events,
                withoutAll - withoutEvents,
                (double) (withoutAll - withoutEvents) / size,
                (double) (withoutEvents - before) / size);
    }

    private static double sortedSet(RedisClient raw, Map<String, double[]> parts, String key, int size) {
        long usage = raw.memoryUsage(key, 0);
        long card = raw.zcard(key);
        String encoding = raw.objectEncoding(key);
        double perTask = (double) usage / size;
        parts.put(
                String.format(
                        "%s (ZCARD %,d, %s, %.1f B/member)",
                        key.substring(key.indexOf(':') + 1), card, encoding, (double) usage / card),
                new double[] {perTask, usage});
        return perTask;
    }

    private static long usedMemory(RedisClient raw) {
        return Long.parseLong(field(raw.info("memory"), "used_memory"));
    }

    /** Lets clientsCron shrink the query buffers of closed or idle connections and lazy frees finish. */
    private static void settle() throws InterruptedException {
        Thread.sleep(3000);
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1).strip();
            }
        }
        return "?";
    }

    /** MEMORY STATS as name to value, nested replies (db.0) as maps: RESP3 pairs or RESP2 flat lists. */
    private static Map<String, Object> memoryStats(RedisClient raw) {
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = (Map<String, Object>) plain(raw.sendCommand(Protocol.Command.MEMORY, "STATS"));
        return stats;
    }

    private static Object plain(Object value) {
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof List<?> list) {
            Map<String, Object> nested = new LinkedHashMap<>();
            if (!list.isEmpty() && list.getFirst() instanceof KeyValue<?, ?>) {
                for (Object pair : list) {
                    KeyValue<?, ?> entry = (KeyValue<?, ?>) pair;
                    nested.put(text(entry.getKey()), plain(entry.getValue()));
                }
                return nested;
            }
            for (int i = 0; i + 1 < list.size(); i += 2) {
                nested.put(text(list.get(i)), plain(list.get(i + 1)));
            }
            return nested;
        }
        return value;
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }
}
