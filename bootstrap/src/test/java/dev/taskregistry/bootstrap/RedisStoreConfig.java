package dev.taskregistry.bootstrap;

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
}
