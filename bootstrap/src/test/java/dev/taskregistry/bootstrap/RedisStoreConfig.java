package dev.taskregistry.bootstrap;

import dev.taskregistry.redis.testing.TestRedisCluster;
import dev.taskregistry.redis.testing.TestRedisSentinel;
import io.helidon.config.mp.MpConfigSources;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/** Test configuration that selects the Redis store, for {@code @AddConfigSource} methods. */
final class RedisStoreConfig {

    private RedisStoreConfig() {}

    /** Redis at {@code url} under {@code keyPrefix}, plus further key and value pairs. */
    static ConfigSource of(String url, String keyPrefix, String... moreKeysAndValues) {
        Map<String, String> values = new HashMap<>(Map.of(
                "taskregistry.store", "redis",
                "taskregistry.redis.url", url,
                "taskregistry.redis.key-prefix", keyPrefix));
        for (int i = 0; i + 1 < moreKeysAndValues.length; i += 2) {
            values.put(moreKeysAndValues[i], moreKeysAndValues[i + 1]);
        }
        return MpConfigSources.create(values);
    }

    /** The Redis Cluster (its nodes as seeds, {@code mode=cluster}) under {@code keyPrefix}, plus further pairs. */
    static ConfigSource onCluster(TestRedisCluster cluster, String keyPrefix, String... moreKeysAndValues) {
        return of(
                "redis://127.0.0.1",
                keyPrefix,
                concat(
                        moreKeysAndValues,
                        "taskregistry.redis.mode",
                        "cluster",
                        "taskregistry.redis.nodes",
                        cluster.nodesSetting()));
    }

    private static String[] concat(String[] more, String... pairs) {
        String[] all = java.util.Arrays.copyOf(pairs, pairs.length + more.length);
        System.arraycopy(more, 0, all, pairs.length, more.length);
        return all;
    }

    /** The master of the Sentinel set (its sentinels, {@code mode=sentinel}) under {@code keyPrefix}. */
    static ConfigSource onSentinel(TestRedisSentinel sentinel, String keyPrefix) {
        return of(
                "redis://127.0.0.1",
                keyPrefix,
                "taskregistry.redis.mode",
                "sentinel",
                "taskregistry.redis.nodes",
                sentinel.sentinelsSetting(),
                "taskregistry.redis.sentinel.master",
                TestRedisSentinel.MASTER_NAME);
    }
}
