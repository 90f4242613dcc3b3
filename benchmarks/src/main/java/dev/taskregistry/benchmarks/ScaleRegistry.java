package dev.taskregistry.benchmarks;

import dev.taskregistry.adapters.redis.RedisBenchmarkAccess;
import dev.taskregistry.domain.ListingKey;
import dev.taskregistry.domain.PageCursor;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A Redis registry (key prefix {@code scale-<size>}) holding exactly {@code size} live tasks, loaded once
 * per Redis: a later benchmark of the same size finds it loaded. Loading runs the adapter's own
 * {@code register.lua} by EVALSHA, with the adapter's own keys and documents, {@value #BATCH} calls per
 * pipelined round trip, so the stored data is exactly what {@code RedisTaskRepository.register} writes.
 */
final class ScaleRegistry {

    private static final int BATCH = 1000;
    /** Far beyond any benchmark run, so no task expires while it is measured. */
    private static final Duration LIFETIME = Duration.ofHours(6);

    final String prefix;
    final int size;
    final Instant expiryBase;
    final RedisBenchmarkAccess access;

    private ScaleRegistry(String prefix, int size, Instant expiryBase) {
        this.prefix = prefix;
        this.size = size;
        this.expiryBase = expiryBase;
        this.access = new RedisBenchmarkAccess(prefix);
    }

    static ScaleRegistry load(int size) {
        String prefix = "scale-" + size;
        RedisBenchmarkAccess access = new RedisBenchmarkAccess(prefix);
        String baseKey = "{" + prefix + "}:bench:expiry-base";
        try (RedisClient raw = BenchmarkRedis.rawClient()) {
            String storedBase = raw.get(baseKey);
            if (storedBase != null && raw.zcard(access.allIndex()) == size) {
                return new ScaleRegistry(prefix, size, Instant.ofEpochMilli(Long.parseLong(storedBase)));
            }
            deleteAll(raw, prefix);
            Instant now = Clock.systemUTC().instant();
            ScaleRegistry registry = new ScaleRegistry(prefix, size, now.plus(LIFETIME));
            long started = System.nanoTime();
            registry.populate(raw, now);
            raw.set(baseKey, String.valueOf(registry.expiryBase.toEpochMilli()));
            long loaded = raw.zcard(access.allIndex());
            if (loaded != size) {
                throw new IllegalStateException("loaded " + loaded + " tasks into " + prefix + ", expected " + size);
            }
            System.out.printf("%n[scale] loaded %,d tasks into %s in %.1f s (pipelined EVALSHA register.lua)%n",
                    size, prefix, (System.nanoTime() - started) / 1e9);
            return registry;
        }
    }

    /** The task at the middle of the listing order: a cursor there makes a deep page. */
    PageCursor middleCursor() {
        int middle = size / 2;
        return new PageCursor(new ListingKey(expiryBase.plusMillis(middle), TaskId.of("task-" + middle)));
    }

    private void populate(RedisClient raw, Instant now) {
        String sha = raw.scriptLoad(RedisBenchmarkAccess.registerScript(), access.allIndex());
        for (int start = 0; start < size; start += BATCH) {
            try (AbstractPipeline pipeline = raw.pipelined()) {
                for (int n = start; n < Math.min(size, start + BATCH); n++) {
                    Task task = BenchmarkTasks.numbered(n, now, expiryBase);
                    List<String> keys = access.registerKeys(task);
                    pipeline.evalsha(sha, keys, access.registerArguments(task, access.document(task)));
                }
                pipeline.sync();
            }
        }
    }

    /** Removes a partly loaded registry of this prefix (benchmark set-up only: it scans). */
    private static void deleteAll(RedisClient raw, String prefix) {
        ScanParams own = new ScanParams().match("{" + prefix + "}:*").count(BATCH);
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
