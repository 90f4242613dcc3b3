package dev.taskregistry.bootstrap;

import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisCluster;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The API contract again, on Redis Cluster with the registry spread over 16 shards
 * ({@code taskregistry.redis.shards=16}), so over every master of the JVM's shared cluster.
 */
@HelidonTest
class ClusterShardedTaskApiTest extends TaskApiContract {

    @AddConfigSource
    static ConfigSource shardedClusterStore() {
        return RedisStoreConfig.onCluster(
                TestRedisCluster.shared(), TestRedis.uniquePrefix(), "taskregistry.redis.shards", "16");
    }
}
