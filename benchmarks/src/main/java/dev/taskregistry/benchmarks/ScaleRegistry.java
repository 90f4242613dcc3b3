package dev.taskregistry.benchmarks;

import dev.taskregistry.adapters.redis.RedisTaskRepository;
import dev.taskregistry.domain.ListingKey;
import dev.taskregistry.domain.PageCursor;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A Redis registry (key prefix {@code scale-<size>}) holding exactly {@code size} live tasks, loaded once
 * per Redis: a later benchmark of the same size finds it loaded. Loading goes through the adapter's
 * {@code RedisTaskRepository.registerAll} (each task one register script, 1000 per pipelined round trip),
 * so the stored data is exactly what {@code register} writes.
 */
final class ScaleRegistry {

    /** Tasks built and handed to registerAll at a time. */
    private static final int BATCH = 10_000;

    private static final int SCAN_BATCH = 1000;
    /** Far beyond any benchmark run, so no task expires while it is measured. */
    private static final Duration LIFETIME = Duration.ofHours(6);

    final String prefix;
    final int size;
    final Instant expiryBase;

    private ScaleRegistry(String prefix, int size, Instant expiryBase) {
        this.prefix = prefix;
        this.size = size;
        this.expiryBase = expiryBase;
    }

    static ScaleRegistry load(int size) {
        String prefix = "scale-" + size;
        String baseKey = BenchmarkRedis.key(prefix, "bench:expiry-base");
        try (RedisClient raw = BenchmarkRedis.rawClient();
                RedisTaskRepository repository = BenchmarkRedis.repository(prefix)) {
            String storedBase = raw.get(baseKey);
            if (storedBase != null && repository.stats().total() == size) {
                return new ScaleRegistry(prefix, size, Instant.ofEpochMilli(Long.parseLong(storedBase)));
            }
            deleteAll(raw, prefix);
            Instant now = Clock.systemUTC().instant();
            ScaleRegistry registry = new ScaleRegistry(prefix, size, now.plus(LIFETIME));
            long started = System.nanoTime();
            registry.populate(repository, now);
            raw.set(baseKey, String.valueOf(registry.expiryBase.toEpochMilli()));
            long loaded = repository.stats().total();
            if (loaded != size) {
                throw new IllegalStateException("loaded " + loaded + " tasks into " + prefix + ", expected " + size);
            }
            System.out.printf(
                    "%n[scale] loaded %,d tasks into %s in %.1f s (RedisTaskRepository.registerAll)%n",
                    size, prefix, (System.nanoTime() - started) / 1e9);
            return registry;
        }
    }

    /** The task at the middle of the listing order: a cursor there makes a deep page. */
    PageCursor middleCursor() {
        int middle = size / 2;
        return new PageCursor(new ListingKey(expiryBase.plusMillis(middle), TaskId.of("task-" + middle)));
    }

    private void populate(RedisTaskRepository repository, Instant now) {
        for (int start = 0; start < size; start += BATCH) {
            List<Task> batch = new ArrayList<>(BATCH);
            for (int n = start; n < Math.min(size, start + BATCH); n++) {
                batch.add(BenchmarkTasks.numbered(n, now, expiryBase));
            }
            List<TaskId> live = repository.registerAll(batch);
            if (!live.isEmpty()) {
                throw new IllegalStateException(
                        live.size() + " tasks of " + prefix + " were live already, e.g. " + live.getFirst());
            }
        }
    }

    /** Removes a partly loaded registry of this prefix (benchmark set-up only: it scans). */
    private static void deleteAll(RedisClient raw, String prefix) {
        ScanParams own = new ScanParams().match(BenchmarkRedis.key(prefix, "*")).count(SCAN_BATCH);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> batch = raw.scan(cursor, own);
            if (!batch.getResult().isEmpty()) {
                raw.unlink(batch.getResult().toArray(String[]::new));
            }
            cursor = batch.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }
}
