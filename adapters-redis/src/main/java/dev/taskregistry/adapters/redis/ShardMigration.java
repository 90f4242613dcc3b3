package dev.taskregistry.adapters.redis;

import java.util.Objects;

/**
 * Moves a registry from S shards to S' on the same deployment while every worker is stopped (issue #14; README
 * "Migrating to another shard count"). In order:
 *
 * <ol>
 *   <li>checks that {@code {prefix}:shards} records S (or nothing, for a registry written before shards existed,
 *       which has one) and sets it to {@code migrating:S:S'}, which no worker starts with;
 *   <li>for each old shard, walks its {@code idx:all} (and, from one shard, its documents: the original service's
 *       are in no index) and moves every live task whose new shard has another hash tag: the document as stored,
 *       byte for byte, expiring at the same instant, indexed in the new shard, then removed from the old one. A
 *       task whose shard has the same tag in both layouts ({@code {p:0}} of 4 and of 8 shards) stays; an expired
 *       one is not moved;
 *   <li>drops the old layout's indexes and empties its event streams (feed positions of the old layout then answer
 *       with a reset; the streams are trimmed, not deleted, so that they remember which positions they issued);
 *   <li>records S' in {@code {prefix}:shards}.
 * </ol>
 *
 * Every step can be repeated: when a run stops part way (a crash, an outage), the same migration run again finishes
 * it, with nothing lost or duplicated. Memory is bounded by a batch of {@value ShardScan#BATCH} tasks.
 */
public final class ShardMigration implements AutoCloseable {

    /** What a migration tells as it goes; every method does nothing unless overridden. */
    public interface Progress {

        /** Before the first task moves; {@code resuming} when an earlier run had begun the same migration. */
        default void started(int from, int to, boolean resuming) {}

        /** After each batch of old shard {@code shard} (0 to S - 1): the totals of the run so far. */
        default void batchMoved(int shard, ShardMigrationReport soFar) {}

        /** After old shard {@code shard} is done: the totals of the run so far. */
        default void shardMoved(int shard, ShardMigrationReport soFar) {}
    }

    private final RedisConnection connection;
    private final String prefix;
    private final ReplicaWait replicaWait;
    private final Runnable afterCopy;

    /**
     * The migration of the registry the settings describe, on their deployment ({@link
     * RedisConnection#forDeployment}); each batch of copies waits for replicas as the settings' writes do. Their
     * shard count is not used: the counts are the arguments of {@link #migrate}.
     */
    public static ShardMigration connect(RedisStoreSettings settings) {
        return new ShardMigration(
                RedisConnection.forDeployment(settings), settings.keyPrefix(), ReplicaWait.of(settings), () -> {});
    }

    /** On {@code connection}, closed with this; {@code afterCopy} runs between each batch's copies and removals. */
    ShardMigration(RedisConnection connection, String prefix, ReplicaWait replicaWait, Runnable afterCopy) {
        this.connection = Objects.requireNonNull(connection, "connection");
        RedisKeys.requireValidPrefix(prefix, RedisStoreSettings.KEY_PREFIX_KEY);
        this.prefix = prefix;
        this.replicaWait = replicaWait;
        this.afterCopy = afterCopy;
    }

    /**
     * Moves the registry from {@code from} shards to {@code to}, or finishes that migration when a run stopped part
     * way.
     *
     * @throws IllegalArgumentException when a count is outside 1 to {@value ShardLayout#MAX_SHARDS}, or both are equal
     * @throws ShardMigrationRefused when the registry records another count, another migration is under way, there
     *         is no registry under the prefix, or a task changed while it was moved (a worker is still running)
     * @throws dev.taskregistry.domain.TaskStoreUnavailable when Redis cannot be reached; run it again later
     */
    public ShardMigrationReport migrate(int from, int to, Progress progress) {
        ShardLayout source = layout(from, "current");
        ShardLayout target = layout(to, "new");
        if (from == to) {
            throw new IllegalArgumentException(
                    "the new shard count is the current one, " + from + ": there is nothing to migrate");
        }
        boolean resuming = connection.call("migrate: begin", client -> MigrationMark.begin(client, source, target));
        progress.started(from, to, resuming);
        TaskCopy copy = new TaskCopy(target, replicaWait, afterCopy);
        ShardMigrationReport done = ShardMigrationReport.NOTHING;
        for (int shard = 0; shard < from; shard++) {
            done = done.plus(new ShardMove(source, target, shard, copy).run(connection, progress, done));
            progress.shardMoved(shard, done);
        }
        connection.call("migrate: finish", client -> {
            for (RedisKeys shard : source.shards()) {
                // Emptied, not deleted: an empty stream still knows the last id it issued and how many entries it
                // ever had, so the feed tells a position of the old layout from one of the new (a reset, not a miss).
                client.xtrim(shard.events(), 0, false);
            }
            new MigrationMark(source.count(), target.count()).finish(client, target);
            return null;
        });
        return done;
    }

    @Override
    public void close() {
        connection.close();
    }

    private ShardLayout layout(int count, String which) {
        if (count < 1 || count > ShardLayout.MAX_SHARDS) {
            throw new IllegalArgumentException(
                    "the " + which + " shard count must be between 1 and " + ShardLayout.MAX_SHARDS + ", was " + count);
        }
        return new ShardLayout(prefix, count);
    }
}
