package dev.taskregistry.bootstrap.workers;

import dev.taskregistry.redis.testing.TestRedisCluster;
import java.util.Map;

/**
 * The fix with real processes on Redis Cluster and a sharded registry: 4 workers of the packaged jar with
 * {@code TASKREGISTRY_REDIS_SHARDS=16}, one registry spread over every master of the JVM's shared cluster.
 */
class ClusterShardedRegistryIT extends SharedRegistryContract {

    @Override
    protected String name() {
        return "cluster-sharded";
    }

    @Override
    protected Map<String, String> deployment() {
        return Map.of(
                "TASKREGISTRY_REDIS_MODE",
                "cluster",
                "TASKREGISTRY_REDIS_NODES",
                TestRedisCluster.shared().nodesSetting(),
                "TASKREGISTRY_REDIS_SHARDS",
                "16");
    }
}
