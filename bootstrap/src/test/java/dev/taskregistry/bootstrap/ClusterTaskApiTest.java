package dev.taskregistry.bootstrap;

import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisCluster;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The API contract again, on Redis Cluster (the JVM's shared one, {@code taskregistry.redis.mode=cluster}): the
 * same behaviour with the registry in one slot of a sharded deployment.
 */
@HelidonTest
class ClusterTaskApiTest extends TaskApiContract {

    @AddConfigSource
    static ConfigSource clusterStore() {
        return RedisStoreConfig.onCluster(TestRedisCluster.shared(), TestRedis.uniquePrefix());
    }
}
