package dev.taskregistry.bootstrap;

import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisCluster;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The change feed over HTTP on Redis Cluster with the registry spread over 16 shards: one stream per shard, merged
 * by each worker into the same event streams, positions and long-polls.
 */
@HelidonTest
class ClusterShardedEventStreamApiTest extends EventStreamApiContract {

    @AddConfigSource
    static ConfigSource shardedClusterStore() {
        return RedisStoreConfig.onCluster(
                TestRedisCluster.shared(),
                TestRedis.uniquePrefix(),
                "taskregistry.feed.heartbeat",
                "PT1S",
                "taskregistry.redis.shards",
                "16");
    }
}
