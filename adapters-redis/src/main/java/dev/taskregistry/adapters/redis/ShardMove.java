package dev.taskregistry.adapters.redis;

import dev.taskregistry.adapters.redis.LuaScripts.Script;
import dev.taskregistry.domain.TaskId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.UnifiedJedis;

/**
 * Moves the tasks of one shard of the old layout to their shards of the new one ({@link ShardMigration}): walks the
 * shard's {@code idx:all} (and, for an unsharded registry, its documents too: the original service's are in no
 * index) and hands each batch to {@link TaskCopy}; then drops what the shard keeps of the old layout. Every step can
 * be repeated, so a run that stopped anywhere is finished by running it again.
 */
final class ShardMove {

    private final ShardLayout source;
    private final ShardLayout target;
    private final int shard;
    private final RedisKeys keys;
    private final TaskCopy copy;

    ShardMove(ShardLayout source, ShardLayout target, int shard, TaskCopy copy) {
        this.source = source;
        this.target = target;
        this.shard = shard;
        this.keys = source.shard(shard);
        this.copy = copy;
    }

    /** Moves the shard's tasks, reporting each batch to {@code progress}; the totals of this shard. */
    ShardMigrationReport run(
            RedisConnection connection, ShardMigration.Progress progress, ShardMigrationReport before) {
        ShardMigrationReport done = walk(connection, ShardScan.index(keys.all()), progress, before);
        if (!source.sharded()) {
            // Documents of the original service are in no index; by now they are the only documents left here.
            done = done.plus(walk(connection, ShardScan.documents(keys), progress, before.plus(done)));
        }
        connection.call("migrate: clean up shard " + keys.tag(), client -> {
            cleanUp(client);
            return null;
        });
        return done;
    }

    private ShardMigrationReport walk(
            RedisConnection connection, ShardScan scan, ShardMigration.Progress progress, ShardMigrationReport before) {
        ShardMigrationReport done = ShardMigrationReport.NOTHING;
        String cursor = ShardScan.Page.START;
        do {
            String from = cursor;
            // The walk moves on only once its batch is moved: a step repeated after a failover finds the same ids.
            ShardScan.Page page = connection.call("migrate: read " + scan.what(), client -> scan.page(client, from));
            ShardMigrationReport batch = moveBatch(connection, page.ids(), scan);
            done = done.plus(batch);
            if (batch.seen() > 0) {
                progress.batchMoved(shard, before.plus(done));
            }
            cursor = page.cursor();
        } while (!ShardScan.Page.START.equals(cursor));
        return done;
    }

    private ShardMigrationReport moveBatch(RedisConnection connection, List<String> members, ShardScan scan) {
        List<TaskId> staying = new ArrayList<>();
        List<TaskId> leaving = new ArrayList<>();
        for (String member : members) {
            TaskId id = idIn(member, scan);
            if (source.shardOf(id) != shard) {
                // Moved here from another shard of the old layout, which shares this hash tag with the new one.
                continue;
            }
            (target.keysOf(id).equals(keys) ? staying : leaving).add(id);
        }
        long kept = copy.liveAmong(connection, keys, staying);
        return copy.move(connection, keys, leaving).plus(new ShardMigrationReport(0, kept, staying.size() - kept, 0));
    }

    private static TaskId idIn(String member, ShardScan scan) {
        try {
            return TaskId.of(member);
        } catch (RuntimeException notAnId) {
            throw new ShardMigrationRefused("'" + scan.what() + "' holds '" + member + "', which is not a task id ("
                    + notAnId.getMessage() + "): remove it and run the migration again");
        }
    }

    /**
     * What the shard keeps of the old layout goes: all of its indexes when the new layout has no shard of its hash
     * tag; otherwise the entries of the tasks that left (or expired on the way), and the types left without any.
     */
    private void cleanUp(UnifiedJedis client) {
        Set<String> types = client.smembers(keys.types());
        List<String> indexes = new ArrayList<>(keys.sharedIndexes());
        types.forEach(type -> indexes.add(keys.tag() + ":idx:type:" + type));
        if (!target.shards().contains(keys)) {
            List<String> all = new ArrayList<>(indexes);
            all.add(keys.types());
            client.del(all.toArray(String[]::new));
            return;
        }
        ShardScan scan = ShardScan.index(keys.all());
        ShardScan.Page page = scan.page(client, ShardScan.Page.START);
        forgetLeft(client, page.ids(), indexes);
        while (!page.last()) {
            page = scan.page(client, page.cursor());
            forgetLeft(client, page.ids(), indexes);
        }
        for (String type : types) {
            if (client.zcard(keys.tag() + ":idx:type:" + type) == 0) {
                client.srem(keys.types(), type);
            }
        }
    }

    /** Drops the index entries of the ids that belong elsewhere now and whose document has gone from here. */
    private void forgetLeft(UnifiedJedis client, List<String> members, List<String> indexes) {
        List<String> left = members.stream()
                .filter(member -> !target.keysOf(TaskId.of(member)).equals(keys))
                .toList();
        if (left.isEmpty()) {
            return;
        }
        List<String> scriptKeys = new ArrayList<>();
        left.forEach(id -> scriptKeys.add(keys.task(TaskId.of(id))));
        scriptKeys.addAll(indexes);
        List<String> args = new ArrayList<>();
        args.add(String.valueOf(left.size()));
        args.addAll(left);
        LuaScripts.run(client, Script.FORGET_MISSING, scriptKeys, args);
    }
}
