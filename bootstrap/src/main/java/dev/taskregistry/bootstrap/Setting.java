package dev.taskregistry.bootstrap;

import dev.taskregistry.adapters.redis.RedisDeployment;
import dev.taskregistry.adapters.redis.RedisStoreSettings;
import java.util.Locale;
import java.util.Optional;

/**
 * Every {@code taskregistry.*} key the service reads, each named once with its default; the README's
 * configuration table is the user's reference, and a test keeps it listing exactly these.
 *
 * <p>The defaults are written here and nowhere else, not in {@code microprofile-config.properties}: a default
 * then stands next to its key, and whoever builds a {@link RegistryConfig} (the tests, a benchmark) gets the
 * same defaults as the service without a configuration file. The Redis adapter's keys are its own, since its
 * errors name them.
 */
enum Setting {
    STORE("taskregistry.store", "inmemory"),
    REDIS_MODE(RedisDeployment.MODE_KEY, "standalone"),
    REDIS_URL(RedisStoreSettings.URL_KEY, "redis://127.0.0.1:6379"),
    REDIS_NODES(RedisDeployment.NODES_KEY, null),
    REDIS_SENTINEL_MASTER(RedisDeployment.SENTINEL_MASTER_KEY, null),
    REDIS_KEY_PREFIX(RedisStoreSettings.KEY_PREFIX_KEY, "taskregistry"),
    REDIS_TIMEOUT(RedisStoreSettings.TIMEOUT_KEY, "PT2S"),
    REDIS_POOL_SIZE(RedisStoreSettings.POOL_SIZE_KEY, Integer.toString(RedisStoreSettings.DEFAULT_POOL_SIZE)),
    REDIS_WAIT_REPLICAS(RedisStoreSettings.WAIT_REPLICAS_KEY, "0"),
    REDIS_SHARDS(RedisStoreSettings.SHARDS_KEY, "1"),
    DEFAULT_TTL("taskregistry.task.default-ttl", "PT5M"),
    MAX_TTL("taskregistry.task.max-ttl", "P7D"),
    RESULT_RETENTION("taskregistry.task.result-retention", "PT5M"),
    RESOURCE_URL_TEMPLATE("taskregistry.task.resource-url-template", "mcp://task/{id}"),
    FEED_RETENTION("taskregistry.feed.retention", "10000"),
    FEED_HEARTBEAT("taskregistry.feed.heartbeat", "PT15S"),
    // About 55 KB of heap each (docs/BENCHMARKS.md): 2,000 take about 110 MB; 10,000 ran a 256 MB worker out of heap.
    FEED_MAX_SUBSCRIBERS("taskregistry.feed.max-subscribers", "2000"),
    FEED_MAX_WAIT("taskregistry.feed.max-wait", "PT60S"),
    MCP_ALLOWED_ORIGINS("taskregistry.mcp.allowed-origins", null),
    MCP_RESULT_WAIT("taskregistry.mcp.result-wait", "PT50S"),
    MCP_POLL_INTERVAL("taskregistry.mcp.poll-interval", "PT2S"),
    API_TOKEN("taskregistry.api.token", null),
    PUBLIC_BASE_URL("taskregistry.api.public-base-url", null),
    TRUSTED_PROXIES("taskregistry.api.trusted-proxies", null);

    private final String key;
    private final String defaultValue;

    Setting(String key, String defaultValue) {
        this.key = key;
        this.defaultValue = defaultValue;
    }

    String key() {
        return key;
    }

    /** The value when none is configured; empty for a setting that is unset by default. */
    Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The environment variable MicroProfile Config also reads for the key, e.g. {@code TASKREGISTRY_STORE}. */
    String environmentVariable() {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
