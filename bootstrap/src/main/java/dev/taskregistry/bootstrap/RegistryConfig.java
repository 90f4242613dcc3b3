package dev.taskregistry.bootstrap;

import dev.taskregistry.adapters.redis.RedisStoreSettings;
import dev.taskregistry.adapters.rest.proxy.ForwardingPolicy;
import dev.taskregistry.application.ResourceUrlTemplate;
import dev.taskregistry.application.TtlPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code taskregistry.*} setting, read through MicroProfile Config (so each one can also be set
 * as an environment variable, e.g. {@code TASKREGISTRY_STORE}) and checked, with errors naming the key.
 */
@ApplicationScoped
public class RegistryConfig {

    private final StoreKind store;
    private final String redisUrl;
    private final String redisKeyPrefix;
    private final Duration redisTimeout;
    private final int redisPoolSize;
    private final TtlPolicy ttlPolicy;
    private final ResourceUrlTemplate resourceUrlTemplate;
    private final Optional<String> apiToken;
    private final ForwardingPolicy forwardingPolicy;

    @Inject
    public RegistryConfig(
            @ConfigProperty(name = "taskregistry.store", defaultValue = "inmemory") String store,
            @ConfigProperty(name = "taskregistry.redis.url", defaultValue = "redis://127.0.0.1:6379") String redisUrl,
            @ConfigProperty(name = "taskregistry.redis.key-prefix", defaultValue = "taskregistry") String redisKeyPrefix,
            @ConfigProperty(name = "taskregistry.redis.timeout", defaultValue = "PT2S") String redisTimeout,
            @ConfigProperty(name = "taskregistry.redis.pool-size", defaultValue = "16") String redisPoolSize,
            @ConfigProperty(name = "taskregistry.task.default-ttl", defaultValue = "PT5M") String defaultTtl,
            @ConfigProperty(name = "taskregistry.task.max-ttl", defaultValue = "P7D") String maxTtl,
            @ConfigProperty(name = "taskregistry.task.result-retention", defaultValue = "PT5M") String resultRetention,
            @ConfigProperty(name = "taskregistry.task.resource-url-template", defaultValue = "mcp://task/{id}") String urlTemplate,
            @ConfigProperty(name = "taskregistry.api.token") Optional<String> apiToken,
            @ConfigProperty(name = "taskregistry.api.public-base-url") Optional<String> publicBaseUrl,
            @ConfigProperty(name = "taskregistry.api.trusted-proxies") Optional<String> trustedProxies) {
        this.store = StoreKind.fromConfig(store);
        this.redisUrl = redisUrl;
        this.redisKeyPrefix = redisKeyPrefix;
        this.redisTimeout = duration("taskregistry.redis.timeout", redisTimeout);
        this.redisPoolSize = whole("taskregistry.redis.pool-size", redisPoolSize);
        this.ttlPolicy = configured("taskregistry.task.*", () -> new TtlPolicy(
                duration("taskregistry.task.default-ttl", defaultTtl),
                duration("taskregistry.task.max-ttl", maxTtl),
                duration("taskregistry.task.result-retention", resultRetention)));
        this.resourceUrlTemplate = configured("taskregistry.task.resource-url-template", () -> new ResourceUrlTemplate(urlTemplate));
        this.apiToken = apiToken;
        this.forwardingPolicy = new ForwardingPolicy(
                publicBaseUrl.map(url -> configured("taskregistry.api.public-base-url", () -> ForwardingPolicy.publicBaseUrl(url))),
                trustedProxies.map(list -> configured("taskregistry.api.trusted-proxies", () -> ForwardingPolicy.trustedProxies(list)))
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

    /** The Redis adapter's settings; checked when they are made. */
    RedisStoreSettings redisSettings() {
        return new RedisStoreSettings(redisUrl, redisKeyPrefix, redisTimeout, redisPoolSize);
    }

    TtlPolicy ttlPolicy() {
        return ttlPolicy;
    }

    ResourceUrlTemplate resourceUrlTemplate() {
        return resourceUrlTemplate;
    }

    Optional<String> apiToken() {
        return apiToken;
    }

    ForwardingPolicy forwardingPolicy() {
        return forwardingPolicy;
    }

    private static Duration duration(String key, String value) {
        try {
            Duration duration = Duration.parse(value.strip());
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalStateException(key + " must be a positive ISO-8601 duration, was '" + value + "'");
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(key + " must be an ISO-8601 duration such as PT5M or P7D, was '" + value + "'", e);
        }
    }

    private static int whole(String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(key + " must be a whole number, was '" + value + "'", e);
        }
    }

    private static <T> T configured(String key, Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + ": " + e.getMessage(), e);
        }
    }
}
