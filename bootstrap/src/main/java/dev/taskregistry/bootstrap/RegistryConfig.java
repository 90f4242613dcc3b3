package dev.taskregistry.bootstrap;

import dev.taskregistry.adapters.mcp.McpSettings;
import dev.taskregistry.adapters.redis.RedisDeployment;
import dev.taskregistry.adapters.redis.RedisFeedSettings;
import dev.taskregistry.adapters.redis.RedisStoreSettings;
import dev.taskregistry.adapters.rest.events.FeedStreamSettings;
import dev.taskregistry.adapters.rest.proxy.ForwardingPolicy;
import dev.taskregistry.application.ResourceUrlTemplate;
import dev.taskregistry.application.TtlPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.Config;

/**
 * Every {@link Setting}, read through MicroProfile Config (so each one can also be set as an environment
 * variable, e.g. {@code TASKREGISTRY_STORE}) and checked, with errors naming the key.
 */
@ApplicationScoped
public class RegistryConfig {

    private final StoreKind store;
    private final String redisUrl;
    private final String redisKeyPrefix;
    private final Duration redisTimeout;
    private final int redisPoolSize;
    private final String redisMode;
    private final Optional<String> redisNodes;
    private final Optional<String> redisSentinelMaster;
    private final int redisWaitReplicas;
    private final int redisShards;
    private final TtlPolicy ttlPolicy;
    private final ResourceUrlTemplate resourceUrlTemplate;
    private final int feedRetention;
    private final FeedStreamSettings feedStreams;
    private final int feedMaxSubscribers;
    private final McpSettings mcp;
    private final Optional<String> apiToken;
    private final ForwardingPolicy forwardingPolicy;

    @Inject
    public RegistryConfig(Config config) {
        this(setting -> config.getOptionalValue(setting.key(), String.class));
    }

    /** @param source the value configured for a setting, if any; the setting's default applies otherwise */
    RegistryConfig(Function<Setting, Optional<String>> source) {
        Values values = new Values(source);
        this.store = StoreKind.fromConfig(values.text(Setting.STORE));
        this.redisUrl = values.text(Setting.REDIS_URL);
        this.redisKeyPrefix = values.text(Setting.REDIS_KEY_PREFIX);
        this.redisTimeout = values.duration(Setting.REDIS_TIMEOUT);
        this.redisPoolSize = values.whole(Setting.REDIS_POOL_SIZE);
        this.redisMode = values.text(Setting.REDIS_MODE);
        this.redisNodes = values.optional(Setting.REDIS_NODES);
        this.redisSentinelMaster = values.optional(Setting.REDIS_SENTINEL_MASTER);
        this.redisWaitReplicas = values.whole(Setting.REDIS_WAIT_REPLICAS);
        this.redisShards = values.whole(Setting.REDIS_SHARDS);
        this.ttlPolicy = configured(
                Setting.DEFAULT_TTL.key() + " and " + Setting.MAX_TTL.key(),
                () -> new TtlPolicy(
                        values.duration(Setting.DEFAULT_TTL),
                        values.duration(Setting.MAX_TTL),
                        values.duration(Setting.RESULT_RETENTION)));
        this.resourceUrlTemplate = configured(
                Setting.RESOURCE_URL_TEMPLATE.key(),
                () -> new ResourceUrlTemplate(values.text(Setting.RESOURCE_URL_TEMPLATE)));
        this.feedRetention = values.atLeast(Setting.FEED_RETENTION, 1);
        this.feedMaxSubscribers = values.atLeast(Setting.FEED_MAX_SUBSCRIBERS, 1);
        this.feedStreams = new FeedStreamSettings(
                values.duration(Setting.FEED_HEARTBEAT), values.wholeSeconds(Setting.FEED_MAX_WAIT));
        this.mcp = configured(
                Setting.MCP_ALLOWED_ORIGINS.key(),
                () -> new McpSettings(
                        values.optional(Setting.MCP_ALLOWED_ORIGINS)
                                .map(RegistryConfig::origins)
                                .orElse(Set.of()),
                        values.duration(Setting.MCP_RESULT_WAIT),
                        values.duration(Setting.MCP_POLL_INTERVAL)));
        this.apiToken = values.optional(Setting.API_TOKEN);
        this.forwardingPolicy = new ForwardingPolicy(
                values.optional(Setting.PUBLIC_BASE_URL)
                        .map(url ->
                                configured(Setting.PUBLIC_BASE_URL.key(), () -> ForwardingPolicy.publicBaseUrl(url))),
                values.optional(Setting.TRUSTED_PROXIES)
                        .map(list ->
                                configured(Setting.TRUSTED_PROXIES.key(), () -> ForwardingPolicy.trustedProxies(list)))
                        .orElse(Set.of()));
    }

    StoreKind store() {
        return store;
    }

    Duration redisTimeout() {
        return redisTimeout;
    }

    int redisPoolSize() {
        return redisPoolSize;
    }

    /**
     * The Redis adapter's settings; checked when they are made (only with the Redis store, so that unused keys
     * cannot stop an in-memory start), with errors naming the key.
     */
    RedisStoreSettings redisSettings() {
        return new RedisStoreSettings(
                redisUrl,
                redisKeyPrefix,
                redisTimeout,
                redisPoolSize,
                RedisDeployment.of(redisMode, redisNodes, redisSentinelMaster),
                redisWaitReplicas,
                redisShards);
    }

    /** How many changes the change feed retains, in memory and on Redis. */
    int feedRetention() {
        return feedRetention;
    }

    /** The Redis change feed's settings: its reader's block time follows the Redis timeout. */
    RedisFeedSettings redisFeedSettings() {
        return RedisFeedSettings.forTimeout(redisTimeout).retaining(feedRetention);
    }

    FeedStreamSettings feedStreams() {
        return feedStreams;
    }

    int feedMaxSubscribers() {
        return feedMaxSubscribers;
    }

    TtlPolicy ttlPolicy() {
        return ttlPolicy;
    }

    ResourceUrlTemplate resourceUrlTemplate() {
        return resourceUrlTemplate;
    }

    McpSettings mcp() {
        return mcp;
    }

    /** A comma-separated list of origins such as {@code https://app.example.com}, each scheme://host[:port]. */
    private static Set<String> origins(String list) {
        Set<String> origins = new java.util.LinkedHashSet<>();
        for (String item : list.split(",")) {
            String origin = item.strip();
            if (!origin.matches("https?://[A-Za-z0-9.\\[\\]:-]+")) {
                throw new IllegalArgumentException("'" + origin + "' is not an origin such as https://app.example.com"
                        + " (scheme and host, an optional port, nothing else)");
            }
            origins.add(origin);
        }
        return origins;
    }

    Optional<String> apiToken() {
        return apiToken;
    }

    ForwardingPolicy forwardingPolicy() {
        return forwardingPolicy;
    }

    private static <T> T configured(String key, Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + ": " + e.getMessage(), e);
        }
    }

    /** The value of each setting, its default when none is configured, parsed with errors naming the key. */
    private record Values(Function<Setting, Optional<String>> source) {

        Optional<String> optional(Setting setting) {
            return source.apply(setting).or(setting::defaultValue);
        }

        /** The value of a setting that has a default, so it always has one. */
        String text(Setting setting) {
            return optional(setting).orElseThrow();
        }

        Duration duration(Setting setting) {
            String value = text(setting);
            try {
                Duration duration = Duration.parse(value.strip());
                if (duration.isNegative() || duration.isZero()) {
                    throw new IllegalStateException(
                            setting.key() + " must be a positive ISO-8601 duration, was '" + value + "'");
                }
                return duration;
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(
                        setting.key() + " must be an ISO-8601 duration such as PT5M or P7D, was '" + value + "'", e);
            }
        }

        int atLeast(Setting setting, int minimum) {
            int value = whole(setting);
            if (value < minimum) {
                throw new IllegalStateException(
                        setting.key() + " must be at least " + minimum + ", was '" + text(setting) + "'");
            }
            return value;
        }

        /** A duration of whole seconds, as a long-poll's wait is given. */
        Duration wholeSeconds(Setting setting) {
            Duration duration = duration(setting);
            if (duration.getNano() != 0) {
                throw new IllegalStateException(
                        setting.key() + " must be whole seconds, e.g. PT60S, was '" + text(setting) + "'");
            }
            return duration;
        }

        int whole(Setting setting) {
            String value = text(setting);
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(setting.key() + " must be a whole number, was '" + value + "'", e);
            }
        }
    }
}
