package dev.taskregistry.adapters.redis;

import dev.taskregistry.adapters.redis.LuaScripts.Script;
import dev.taskregistry.adapters.redis.LuaScripts.ScriptCall;
import dev.taskregistry.adapters.redis.TaskDocumentCodec.Placement;
import dev.taskregistry.domain.TaskId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Moves a batch of tasks of one old shard to their new shards, copy first and removal second, so that a task is
 * never in neither: reads the documents (one MGET, one slot), writes each into its new shard with migrate-in.lua
 * (the document as stored, the same expiry, its index entries; pipelined, and followed by {@code WAIT} when writes
 * wait for replicas), then removes each old document with migrate-out.lua, only if it is still the one copied. A
 * batch repeated after it stopped part way writes the same keys again.
 */
final class TaskCopy {

    private static final Long WRITTEN = 1L;
    private static final Long CHANGED = -1L;

    private final ShardLayout target;
    private final TaskDocumentCodec codec = new TaskDocumentCodec();
    private final ReplicaWait replicaWait;
    private final Runnable afterCopy;

    /** {@code afterCopy} runs between the copies of a batch and its removals (a test stops a run there). */
    TaskCopy(ShardLayout target, ReplicaWait replicaWait, Runnable afterCopy) {
        this.target = target;
        this.replicaWait = replicaWait;
        this.afterCopy = afterCopy;
    }

    /** A task read from its old shard, as it will be written into its new one. */
    private record Copy(TaskId id, String document, Placement placement, long expiry) {}

    ShardMigrationReport move(RedisConnection connection, RedisKeys from, List<TaskId> ids) {
        if (ids.isEmpty()) {
            return ShardMigrationReport.NOTHING;
        }
        Copied copied = connection.call("migrate: copy tasks", client -> copy(client, from, ids));
        afterCopy.run();
        List<ScriptCall> removals = copied.copies().stream()
                .map(task -> new ScriptCall(List.of(from.task(task.id())), List.of(task.document())))
                .toList();
        List<Object> removed = removals.isEmpty()
                ? List.of()
                : connection.call(
                        "migrate: remove moved tasks",
                        client -> LuaScripts.runAll(client, Script.MIGRATE_OUT, removals, ReplicaWait.none()));
        long moved = 0;
        for (int i = 0; i < removed.size(); i++) {
            Copy task = copied.copies().get(i);
            if (CHANGED.equals(removed.get(i))) {
                throw new ShardMigrationRefused("task '" + task.id() + "' changed while it was moved ('"
                        + from.task(task.id()) + "'): a worker still uses the registry; stop every worker and run the"
                        + " migration again");
            }
            if (WRITTEN.equals(copied.written().get(i))) {
                moved++;
            }
        }
        return new ShardMigrationReport(
                moved, 0, copied.gone() + copied.copies().size() - moved, copied.movedEarlier());
    }

    /**
     * What one copy step did: the copies and whether each was written (not expired), how many ids were found gone
     * (expired) and how many of those are in their new shard already.
     */
    private record Copied(List<Copy> copies, List<Object> written, long gone, long movedEarlier) {}

    private Copied copy(UnifiedJedis client, RedisKeys from, List<TaskId> ids) {
        List<String> documents = client.mget(ids.stream().map(from::task).toArray(String[]::new));
        List<Copy> copies = new ArrayList<>();
        List<TaskId> missing = new ArrayList<>();
        long vanished = 0;
        for (int i = 0; i < ids.size(); i++) {
            Optional<Copy> copy =
                    documents.get(i) == null ? Optional.empty() : readCopy(client, from, ids.get(i), documents.get(i));
            if (copy.isPresent()) {
                copies.add(copy.get());
            } else if (documents.get(i) == null) {
                missing.add(ids.get(i));
            } else {
                vanished++;
            }
        }
        long movedEarlier = movedEarlier(client, missing);
        List<ScriptCall> writes = copies.stream().map(this::write).toList();
        List<Object> written = writes.isEmpty()
                ? List.of()
                : LuaScripts.runAll(client, Script.MIGRATE_IN, writes, replicaWait, "shard migration");
        return new Copied(copies, written, missing.size() - movedEarlier + vanished, movedEarlier);
    }

    /** The task as it will be written; empty when its key expired between the read and now. */
    private Optional<Copy> readCopy(UnifiedJedis client, RedisKeys from, TaskId id, String document) {
        Placement placement;
        try {
            placement = codec.placementOf(document);
        } catch (IllegalStateException unreadable) {
            throw new ShardMigrationRefused("cannot move '" + from.task(id) + "': " + unreadable.getMessage()
                    + "; repair or delete the key and run the migration again");
        }
        Optional<Long> expiry = placement.expiresAt().isPresent()
                ? placement.expiresAt().map(Instant::toEpochMilli)
                : keyExpiry(client, from.task(id));
        return expiry.map(millis -> new Copy(id, document, placement, millis));
    }

    /**
     * When a document of the original service (no {@code expires_at}) expires, by its key: PEXPIRETIME (Redis 7),
     * else Redis' time plus PTTL; empty when the key is gone.
     */
    private static Optional<Long> keyExpiry(UnifiedJedis client, String key) {
        try {
            long at = client.pexpireTime(key);
            if (at == -1) {
                throw new ShardMigrationRefused("task key '" + key + "' has no expiry, which the registry never"
                        + " writes; set one with PEXPIRE (or delete the key) and run the migration again");
            }
            return at < 0 ? Optional.empty() : Optional.of(at);
        } catch (JedisDataException olderThanRedis7) {
            return RedisTime.expiryOf(client, key).map(Instant::toEpochMilli);
        }
    }

    /** How many of the ids, which stay in {@code shard}, are live there (the others have expired). */
    long liveAmong(RedisConnection connection, RedisKeys shard, List<TaskId> staying) {
        return staying.isEmpty()
                ? 0
                : connection.call(
                        "migrate: count tasks in place",
                        client -> existing(
                                client, staying.stream().map(shard::task).toList()));
    }

    /** How many of the ids, gone from their old shard, are in their new one already. */
    private long movedEarlier(UnifiedJedis client, List<TaskId> gone) {
        return gone.isEmpty()
                ? 0
                : existing(
                        client,
                        gone.stream().map(id -> target.keysOf(id).task(id)).toList());
    }

    /** How many of the keys exist: pipelined, as they may lie in many slots. */
    private static long existing(UnifiedJedis client, List<String> keys) {
        List<Response<Boolean>> found = new ArrayList<>();
        try (AbstractPipeline pipeline = Pipelines.open(client)) {
            keys.forEach(key -> found.add(pipeline.exists(key)));
            pipeline.sync();
        }
        return found.stream()
                .map(LuaScripts::reply)
                .filter(Boolean::booleanValue)
                .count();
    }

    /** KEYS and ARGV of migrate-in.lua for one task: the keys of register.lua but its events stream. */
    private ScriptCall write(Copy task) {
        List<String> keys = new ArrayList<>(target.keysOf(task.id())
                .forTaskChange(task.id(), task.placement().type()));
        keys.removeLast();
        return new ScriptCall(
                keys,
                List.of(
                        task.document(),
                        String.valueOf(task.expiry()),
                        task.id().value(),
                        RedisKeys.statusPosition(task.placement().status()),
                        task.placement().type().value()));
    }
}
