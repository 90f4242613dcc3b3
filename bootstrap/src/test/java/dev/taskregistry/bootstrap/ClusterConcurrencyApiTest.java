package dev.taskregistry.bootstrap;

import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisCluster;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Many clients changing the same tasks at once through the API, on Redis Cluster: the cluster client's pools
 * and routing lose no increment and let exactly one of two racing changes win.
 */
@HelidonTest
class ClusterConcurrencyApiTest extends ConcurrencyApiContract {

    @AddConfigSource
    static ConfigSource clusterStore() {
        return RedisStoreConfig.onCluster(TestRedisCluster.shared(), TestRedis.uniquePrefix());
    }
}
