package dev.taskregistry.bootstrap;

import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisCluster;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** The change feed over HTTP on Redis Cluster (the JVM's shared one): the registry's stream in its one slot. */
@HelidonTest
class ClusterEventStreamApiTest extends EventStreamApiContract {

    @AddConfigSource
    static ConfigSource clusterStore() {
        return RedisStoreConfig.onCluster(
                TestRedisCluster.shared(), TestRedis.uniquePrefix(), "taskregistry.feed.heartbeat", "PT1S");
    }
}
