package dev.taskregistry.bootstrap.workers;

import dev.taskregistry.redis.testing.TestRedisCluster;
import java.util.Map;

/**
 * The fix with real processes on Redis Cluster: 4 workers of the packaged jar given the cluster's nodes as seeds
 * ({@code TASKREGISTRY_REDIS_MODE=cluster}), one registry in one slot of the JVM's shared cluster.
 */
class ClusterSharedRegistryIT extends SharedRegistryContract {

    @Override
    protected String name() {
        return "cluster";
    }

    @Override
    protected Map<String, String> deployment() {
        return Map.of(
                "TASKREGISTRY_REDIS_MODE",
                "cluster",
                "TASKREGISTRY_REDIS_NODES",
                TestRedisCluster.shared().nodesSetting());
    }
}
