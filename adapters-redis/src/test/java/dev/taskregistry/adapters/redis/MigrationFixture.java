package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskResult;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskStoreUnavailable;
import dev.taskregistry.domain.TaskType;
import dev.taskregistry.domain.testing.TestTasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A registry loaded with tasks of every status and three types, and the checks that a shard migration moved it
 * whole: each document byte for byte and its expiry to the millisecond, indexes that list, filter and count exactly
 * the live tasks, nothing left of the old layout, the new count recorded and the old one refused.
 */
final class MigrationFixture {

    static final List<TaskType> TYPES =
            List.of(TestTasks.DEFAULT_TYPE, TaskType.of("report"), TaskType.of("index_rebuild"));

    private final RedisStoreSettings settings;
    private final UnifiedJedis redis;
    private final OpenedResources opened = new OpenedResources();
    private final Map<TaskId, Task> live = new LinkedHashMap<>();
    private final Map<TaskId, String> documents = new HashMap<>();
    private final Map<TaskId, Long> expiries = new HashMap<>();
    private final Set<TaskId> originals = new HashSet<>();

    /** The registry the settings name (their shard count unused), inspected through {@code redis}. */
    MigrationFixture(RedisStoreSettings settings, UnifiedJedis redis) {
        this.settings = settings;
        this.redis = opened.add(redis);
    }

    String prefix() {
        return settings.keyPrefix();
    }

    UnifiedJedis redis() {
        return redis;
    }

    RedisStoreSettings settings(int shards) {
        return settings.withShards(shards);
    }

    /**
     * Registers {@code expired} tasks on {@code shards} shards and waits until Redis has expired them (their index
     * entries stay, as nothing lists or counts meanwhile), then {@code count} live ones; remembers how each is stored.
     */
    MigrationFixture load(int shards, int count, int expired) {
        RedisTaskRepository repository = repository(shards);
        Instant now = Instant.now();
        List<Task> shortLived = new ArrayList<>();
        for (int i = 0; i < expired; i++) {
            shortLived.add(TestTasks.pendingTaskExpiringAt(now, now.plusMillis(300)));
        }
        repository.registerAll(shortLived);
        ShardLayout layout = new ShardLayout(prefix(), shards);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> shortLived.stream()
                        .noneMatch(task -> redis.exists(layout.keysOf(task.id()).task(task.id()))));
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tasks.add(task(i, now));
        }
        assertThat(repository.registerAll(tasks)).isEmpty();
        tasks.forEach(task -> live.put(task.id(), task));
        rememberStored(layout);
        return this;
    }

    /** Adds a document as the original service wrote it (no version, no expires_at, in no index), unsharded. */
    TaskId addOriginalServiceDocument() {
        TaskId id = TestTasks.uniqueId();
        String key = new RedisKeys(prefix()).task(id);
        String document =
                "{\"id\":\"" + id + "\",\"type\":\"report\",\"status\":\"RUNNING\",\"resource_url\":\"mcp://task/" + id
                        + "\",\"estimated_completion\":null,\"progress\":0.5,\"created_at\":\"2026-11-30T10:15:30\","
                        + "\"updated_at\":\"2026-11-30T10:16:30\",\"query\":\"q\",\"completed_steps\":5,\"total_steps\":10,"
                        + "\"started_at\":\"2026-11-30T10:15:31\",\"completed_at\":null,\"result\":null,\"error\":null}";
        redis.set(key, document);
        redis.pexpire(key, Duration.ofMinutes(20).toMillis());
        documents.put(id, document);
        expiries.put(id, redis.pexpireTime(key));
        long expiry = expiries.get(id);
        live.put(
                id,
                new TaskDocumentCodec()
                        .decode(document, () -> Optional.of(Instant.ofEpochMilli(expiry)))
                        .orElseThrow());
        originals.add(id);
        return id;
    }

    /** One of the live tasks registered by {@link #load}. */
    Task anyTask() {
        return live.values().stream()
                .filter(task -> !originals.contains(task.id()) && task.status() == TaskStatus.PENDING)
                .findFirst()
                .orElseThrow();
    }

    /** The task was changed through the registry: what it stores now is what a migration must move. */
    void changed(TaskId id, ShardLayout layout) {
        String key = layout.keysOf(id).task(id);
        String document = redis.get(key);
        documents.put(id, document);
        expiries.put(id, redis.pexpireTime(key));
        live.put(id, new TaskDocumentCodec().decode(document).orElseThrow());
    }

    /** The ids of the live tasks whose shard has another hash tag in the new layout, i.e. the ones to move. */
    long movingFrom(int from, int to) {
        ShardLayout source = new ShardLayout(prefix(), from);
        ShardLayout target = new ShardLayout(prefix(), to);
        return live.keySet().stream()
                .filter(id -> !source.keysOf(id).equals(target.keysOf(id)))
                .count();
    }

    int liveCount() {
        return live.size();
    }

    /** The registry as a worker with {@code shards} shards sees it. */
    RedisTaskRepository repository(int shards) {
        return opened.add(RedisTaskRepository.connect(settings(shards)));
    }

    /** Every check of a migration from {@code from} to {@code to} shards that has finished. */
    void assertMoved(int from, int to) {
        ShardLayout target = new ShardLayout(prefix(), to);
        // First, as counting appends the expiry events of the expired tasks that stayed, to the new layout's streams.
        assertOldLayoutGone(new ShardLayout(prefix(), from), target);
        for (TaskId id : live.keySet()) {
            String key = target.keysOf(id).task(id);
            assertThat(redis.get(key)).as(key).isEqualTo(documents.get(id));
            assertThat(redis.pexpireTime(key)).as("expiry of " + key).isEqualTo(expiries.get(id));
        }
        RedisTaskRepository repository = repository(to);
        repository.warmUp();
        for (Task task : live.values()) {
            Task found = repository.find(task.id()).orElseThrow();
            if (originals.contains(task.id())) {
                // Its expiry is read as Redis' TIME plus PTTL, which may round to the millisecond before.
                assertThat(Duration.between(found.expiresAt(), task.expiresAt()).abs())
                        .isLessThanOrEqualTo(Duration.ofMillis(1));
                found = TestTasks.expiringAt(found, task.expiresAt());
            }
            assertThat(found).isEqualTo(task);
        }
        assertThat(repository.stats()).isEqualTo(expectedStats());
        assertThat(walk(repository, TaskFilter.all())).containsExactlyElementsOf(listed(TaskFilter.all()));
        for (TaskStatus status : TaskStatus.values()) {
            TaskFilter byStatus = new TaskFilter(Optional.of(status), Optional.empty());
            assertThat(walk(repository, byStatus)).containsExactlyElementsOf(listed(byStatus));
        }
        for (TaskType type : TYPES) {
            TaskFilter byType = new TaskFilter(Optional.empty(), Optional.of(type));
            assertThat(walk(repository, byType)).containsExactlyElementsOf(listed(byType));
        }
        assertThat(redis.get(target.shardCountKey())).isEqualTo(String.valueOf(to));
        RedisTaskRepository oldWorker = repository(from);
        assertThatThrownBy(oldWorker::warmUp)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("records " + to + " shards in '" + target.shardCountKey() + "'");
        assertThatThrownBy(() -> oldWorker.find(TestTasks.uniqueId())).isInstanceOf(TaskStoreUnavailable.class);
    }

    /** Of each old shard whose hash tag the new layout has not, no key is left but its emptied events stream. */
    private void assertOldLayoutGone(ShardLayout source, ShardLayout target) {
        for (RedisKeys shard : source.shards()) {
            assertThat(redis.exists(shard.events()) ? redis.xlen(shard.events()) : 0)
                    .as(shard.events())
                    .isZero();
            if (target.shards().contains(shard)) {
                continue;
            }
            List<String> left = keysUnder(shard);
            left.remove(shard.events());
            left.remove(source.shardCountKey());
            assertThat(left).as("keys left under " + shard.tag()).isEmpty();
        }
    }

    private List<String> keysUnder(RedisKeys shard) {
        List<String> keys = new ArrayList<>();
        ScanParams params = new ScanParams().match(shard.tag() + ":*").count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> batch = redis.scan(cursor, params);
            keys.addAll(batch.getResult());
            cursor = batch.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        return keys;
    }

    private TaskStats expectedStats() {
        Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
        Map<TaskType, Long> byType = new HashMap<>();
        for (Task task : live.values()) {
            byStatus.merge(task.status(), 1L, Long::sum);
            byType.merge(task.type(), 1L, Long::sum);
        }
        return new TaskStats(live.size(), byType, byStatus);
    }

    /** The live tasks a listing with {@code filter} must give, in listing order. */
    private List<TaskId> listed(TaskFilter filter) {
        return live.values().stream()
                .filter(filter::matches)
                .sorted((a, b) -> a.listingKey().compareTo(b.listingKey()))
                .map(Task::id)
                .toList();
    }

    /** Every page of a listing, followed to its end, as ids in the order listed. */
    private static List<TaskId> walk(RedisTaskRepository repository, TaskFilter filter) {
        List<TaskId> ids = new ArrayList<>();
        PageRequest request = PageRequest.first(97);
        while (true) {
            TaskPage page = repository.list(filter, request);
            page.items().stream().map(Task::id).forEach(ids::add);
            if (page.next().isEmpty()) {
                return ids;
            }
            request = request.after(page.next().get());
        }
    }

    private void rememberStored(ShardLayout layout) {
        for (TaskId id : live.keySet()) {
            if (!documents.containsKey(id)) {
                String key = layout.keysOf(id).task(id);
                documents.put(id, redis.get(key));
                expiries.put(id, redis.pexpireTime(key));
            }
        }
    }

    /** Task {@code i}: one of each status in turn, the three types, an expiry of its own. */
    private static Task task(int i, Instant now) {
        Task pending = TestTasks.pendingTask(
                TestTasks.uniqueId(),
                now,
                TYPES.get(i % TYPES.size()),
                Duration.ofMinutes(20).plusMillis(i * 7L));
        return switch (i % 5) {
            case 0 -> pending;
            case 1 -> pending.start(now);
            case 2 ->
                pending.start(now)
                        .complete(TaskResult.ofJson("{\"score\":0.930,\"n\":" + i + "}"), now, TestTasks.RETENTION);
            case 3 -> pending.fail("upstream timed out", now, TestTasks.RETENTION);
            default -> pending.cancel(now, TestTasks.RETENTION);
        };
    }

    /** Closes what was opened. */
    void close() throws Exception {
        opened.closeAll();
    }
}
