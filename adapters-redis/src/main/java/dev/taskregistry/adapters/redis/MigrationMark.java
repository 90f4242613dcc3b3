package dev.taskregistry.adapters.redis;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.UnifiedJedis;

/**
 * What {@link ShardLayout#shardCountKey()} holds while a shard migration runs: {@code migrating:<from>:<to>}, set
 * before the first task moves and replaced by the new count after the last. No worker accepts it as a count
 * ({@link RecordedShardCount} refuses to start, saying a migration is under way), and running the migration again
 * with the same counts resumes it.
 *
 * @param from the shard count the registry had
 * @param to   the shard count it is moving to
 */
record MigrationMark(int from, int to) {

    private static final Pattern VALUE = Pattern.compile("migrating:(\\d{1,4}):(\\d{1,4})");

    /** The migration a recorded value announces; empty for a count (or anything else). */
    static Optional<MigrationMark> parse(String recorded) {
        Matcher matcher = recorded == null ? null : VALUE.matcher(recorded);
        return matcher != null && matcher.matches()
                ? Optional.of(new MigrationMark(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))))
                : Optional.empty();
    }

    /** The value stored in the count key. */
    String value() {
        return "migrating:" + from + ":" + to;
    }

    /**
     * Checks that the registry has {@code source}'s count (or is being moved from it to {@code target} by a run that
     * stopped part way) and marks it as migrating.
     *
     * @return true when an earlier run had begun this migration
     * @throws ShardMigrationRefused naming what the registry records instead, or when there is no registry
     */
    static boolean begin(UnifiedJedis client, ShardLayout source, ShardLayout target) {
        MigrationMark mark = new MigrationMark(source.count(), target.count());
        String key = source.shardCountKey();
        String recorded = client.get(key);
        if (mark.value().equals(recorded)) {
            return true;
        }
        if (recorded == null) {
            requireUnshardedRegistry(client, source, key);
        } else if (parse(recorded).isPresent()) {
            MigrationMark other = parse(recorded).orElseThrow();
            throw new ShardMigrationRefused("the registry '" + source.prefix() + "' is being migrated from "
                    + other.from + " to " + other.to + " shards ('" + key + "' is '" + recorded + "'), a run that"
                    + " stopped part way: finish it first by running the migration again from " + other.from + " to "
                    + other.to + " shards");
        } else if (!String.valueOf(source.count()).equals(recorded)) {
            throw new ShardMigrationRefused("the registry '" + source.prefix() + "' records " + recorded
                    + " shards in '" + key + "', not " + source.count() + ": migrate from " + recorded
                    + " (the workers' '" + ShardLayout.SHARDS_KEY + "')");
        }
        swap(client, key, recorded, mark.value(), "began");
        return false;
    }

    /** Records the new count in place of this mark: workers started with it may use the registry from now on. */
    void finish(UnifiedJedis client, ShardLayout target) {
        swap(client, target.shardCountKey(), value(), String.valueOf(target.count()), "ended");
    }

    /** Writes {@code value} unless the key no longer holds {@code read}: then another run or a worker got there. */
    private static void swap(UnifiedJedis client, String key, String read, String value, String when) {
        Object swapped = LuaScripts.run(
                client, LuaScripts.Script.SWAP_COUNT, List.of(key), List.of(read == null ? "" : read, value));
        if (!Long.valueOf(1).equals(swapped)) {
            throw new ShardMigrationRefused("'" + key + "' changed while the migration " + when + " (it held '"
                    + (read == null ? "nothing" : read) + "', now '" + client.get(key) + "'): another migration or a"
                    + " worker is running; stop it, then run the migration again");
        }
    }

    /**
     * A registry without a recorded count was written before shards existed: one shard, with today's keys, found by
     * its index or, for a registry only the original service wrote (it indexed nothing), by its documents.
     */
    private static void requireUnshardedRegistry(UnifiedJedis client, ShardLayout source, String key) {
        RedisKeys unsharded = new RedisKeys(source.prefix());
        boolean found =
                client.exists(unsharded.all()) || ShardScan.documents(unsharded).findsAny(client);
        if (!found) {
            throw new ShardMigrationRefused("there is no registry '" + source.prefix() + "' here: '" + key
                    + "' is not set and there are no tasks under '" + unsharded.tag() + "'; check the URL, mode and"
                    + " key prefix (an empty registry needs no migration: start the workers with the new '"
                    + ShardLayout.SHARDS_KEY + "')");
        }
        if (source.sharded()) {
            throw new ShardMigrationRefused("the registry '" + source.prefix() + "' records no shard count in '" + key
                    + "' and holds its tasks in the unsharded layout, so it has 1 shard, not " + source.count()
                    + ": migrate from 1");
        }
    }
}
