package dev.taskregistry.adapters.redis;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * Keeps a worker from using a registry with another shard count than the one it was built with, which would
 * look for tasks in the wrong shards: the count is recorded in {@link ShardLayout#shardCountKey()} by the first
 * worker on an empty registry, and every later worker compares. Checked once per process, on the first call that
 * reaches Redis (the warm-up at start, or the first request when Redis was down then).
 */
final class RecordedShardCount {

    private final ShardLayout layout;
    private volatile boolean confirmed;

    RecordedShardCount(ShardLayout layout) {
        this.layout = layout;
    }

    /**
     * Records the layout's count on a registry that has none, or checks the one recorded.
     *
     * @throws ShardCountMismatch when the registry was built with another count, or holds unsharded tasks but
     *         records no count (written before shards existed) while this layout has more than one shard
     */
    void confirm(UnifiedJedis client) {
        if (confirmed) {
            return;
        }
        String key = layout.shardCountKey();
        String recorded = client.get(key);
        if (recorded == null) {
            if (layout.sharded() && client.exists(new RedisKeys(layout.prefix()).all())) {
                throw new ShardCountMismatch(
                        layout,
                        "1 (it holds tasks in the unsharded layout and records no count" + " in '" + key + "')");
            }
            String mine = String.valueOf(layout.count());
            recorded = "OK".equals(client.set(key, mine, SetParams.setParams().nx())) ? mine : client.get(key);
        }
        if (MigrationMark.parse(recorded).isPresent()) {
            throw ShardCountMismatch.migrating(
                    layout, MigrationMark.parse(recorded).orElseThrow());
        }
        if (!String.valueOf(layout.count()).equals(recorded)) {
            throw new ShardCountMismatch(layout, "records " + recorded + " shards in '" + key + "'");
        }
        confirmed = true;
    }

    /** The registry was built with another shard count: a migration changes it, a setting cannot. */
    static final class ShardCountMismatch extends IllegalStateException {

        ShardCountMismatch(ShardLayout layout, String registryState) {
            this("'" + ShardLayout.SHARDS_KEY + "' is " + layout.count() + ", but the registry '" + layout.prefix()
                    + "' " + registryState + "; start with its count, or move the registry to " + layout.count()
                    + " shards with scripts/migrate-shards.sh while every worker is stopped");
        }

        private ShardCountMismatch(String message) {
            super(message);
        }

        /** A shard migration is under way (or stopped part way): no count is right until it has finished. */
        static ShardCountMismatch migrating(ShardLayout layout, MigrationMark migration) {
            return new ShardCountMismatch("the registry '" + layout.prefix() + "' is being migrated from "
                    + migration.from() + " to " + migration.to() + " shards ('" + layout.shardCountKey() + "' is '"
                    + migration.value() + "'): wait until scripts/migrate-shards.sh --from " + migration.from()
                    + " --to " + migration.to() + " has finished (run it again if it stopped part way), then start"
                    + " every worker with '" + ShardLayout.SHARDS_KEY + "' = " + migration.to());
        }
    }
}
