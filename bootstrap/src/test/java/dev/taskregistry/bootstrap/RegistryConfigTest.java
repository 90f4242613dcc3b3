package dev.taskregistry.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.adapters.redis.RedisDeployment;
import dev.taskregistry.adapters.redis.RedisNode;
import dev.taskregistry.adapters.redis.RedisStoreSettings;
import dev.taskregistry.application.TtlPolicy;
import dev.taskregistry.domain.TaskId;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every setting is checked at start-up, and an error names the key and what is valid. */
class RegistryConfigTest {

    private static RegistryConfig config(String store, String timeout, String defaultTtl, String maxTtl) {
        return config(store, timeout, "16", defaultTtl, maxTtl);
    }

    private static RegistryConfig config(
            String store, String timeout, String poolSize, String defaultTtl, String maxTtl) {
        return configured(Map.of(
                Setting.STORE,
                store,
                Setting.REDIS_TIMEOUT,
                timeout,
                Setting.REDIS_POOL_SIZE,
                poolSize,
                Setting.DEFAULT_TTL,
                defaultTtl,
                Setting.MAX_TTL,
                maxTtl));
    }

    private static RegistryConfig withApiUrls(String publicBaseUrl, String trustedProxies) {
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        Optional.ofNullable(publicBaseUrl).ifPresent(url -> values.put(Setting.PUBLIC_BASE_URL, url));
        Optional.ofNullable(trustedProxies).ifPresent(proxies -> values.put(Setting.TRUSTED_PROXIES, proxies));
        return configured(values);
    }

    private static RegistryConfig configured(Map<Setting, String> values) {
        return new RegistryConfig(setting -> Optional.ofNullable(values.get(setting)));
    }

    @Test
    void withNothingConfigured_everySettingTakesItsDefault() {
        RegistryConfig config = configured(Map.of());

        assertThat(config.store()).isEqualTo(StoreKind.INMEMORY);
        assertThat(config.redisSettings())
                .hasToString(
                        "RedisStoreSettings[url=redis://127.0.0.1:6379, keyPrefix=taskregistry, timeout=PT2S, poolSize=16,"
                                + " deployment=standalone, waitReplicas=0, shards=1]");
        assertThat(config.ttlPolicy())
                .isEqualTo(new TtlPolicy(Duration.ofMinutes(5), Duration.ofDays(7), Duration.ofMinutes(5)));
        assertThat(config.resourceUrlTemplate().urlFor(TaskId.of("t-1"))).isEqualTo("mcp://task/t-1");
        assertThat(config.apiToken()).isEmpty();
        assertThat(config.forwardingPolicy()).hasToString("ForwardingPolicy[publicBaseUrl=unset, trustedProxies=[]]");
    }

    @ParameterizedTest
    @CsvSource({
        "REDIS_URL, http://127.0.0.1:6379",
        "REDIS_KEY_PREFIX, {tasks}",
        "REDIS_TIMEOUT, PT2M",
        "REDIS_POOL_SIZE, 0",
        "REDIS_MODE, replicated",
        "REDIS_NODES, 127.0.0.1:6379",
        "REDIS_SENTINEL_MASTER, orders",
        "REDIS_WAIT_REPLICAS, -1",
        "REDIS_SHARDS, 0",
        "REDIS_SHARDS, 1025"
    })
    void aBadRedisSetting_isRejectedByTheAdapterNamingTheKeyThatIsRead(Setting setting, String value) {
        RegistryConfig config = configured(Map.of(setting, value));

        assertThatThrownBy(config::redisSettings).hasMessageContaining("'" + setting.key() + "'");
    }

    @Test
    void sentinelAndClusterSettings_makeTheirDeployment_withTheReplicaWait() {
        RedisStoreSettings sentinel = configured(Map.of(
                        Setting.STORE, "redis",
                        Setting.REDIS_MODE, "sentinel",
                        Setting.REDIS_NODES, "10.0.0.1:26379,10.0.0.2:26379",
                        Setting.REDIS_SENTINEL_MASTER, "orders",
                        Setting.REDIS_WAIT_REPLICAS, "1"))
                .redisSettings();
        RedisStoreSettings cluster = configured(Map.of(
                        Setting.STORE, "redis", Setting.REDIS_MODE, "cluster", Setting.REDIS_NODES, "10.0.0.1:7000"))
                .redisSettings();

        assertThat(sentinel.deployment())
                .isEqualTo(new RedisDeployment.Sentinel(
                        "orders", List.of(new RedisNode("10.0.0.1", 26379), new RedisNode("10.0.0.2", 26379))));
        assertThat(sentinel.waitReplicas()).isEqualTo(1);
        assertThat(cluster.deployment())
                .isEqualTo(new RedisDeployment.Cluster(List.of(new RedisNode("10.0.0.1", 7000))));
        assertThat(cluster.waitReplicas()).isZero();
    }

    @Test
    void aClusterOnADatabaseOtherThanZero_isRejectedNamingTheUrl() {
        RegistryConfig config = configured(Map.of(
                Setting.REDIS_MODE, "cluster",
                Setting.REDIS_NODES, "10.0.0.1:7000",
                Setting.REDIS_URL, "redis://:secret@127.0.0.1/3"));

        assertThatThrownBy(config::redisSettings)
                .hasMessageContaining("'taskregistry.redis.url' names database 3")
                .hasMessageNotContaining("secret");
    }

    @Test
    void theShardCount_isReadIntoTheSettings_andOneThatIsNoWholeNumberIsRejectedNamingTheKey() {
        assertThat(configured(Map.of(Setting.REDIS_SHARDS, "12"))
                        .redisSettings()
                        .shards())
                .isEqualTo(12);
        assertThatThrownBy(() -> configured(Map.of(Setting.REDIS_SHARDS, "twelve")))
                .hasMessageContaining("taskregistry.redis.shards")
                .hasMessageContaining("'twelve'");
    }

    @Test
    void waitReplicasThatIsNoWholeNumber_isRejectedNamingTheKey() {
        assertThatThrownBy(() -> configured(Map.of(Setting.REDIS_WAIT_REPLICAS, "one")))
                .hasMessageContaining("taskregistry.redis.wait-replicas")
                .hasMessageContaining("'one'");
    }

    @Test
    void theFeedSettings_haveTheirDefaults_andBadValuesAreRejectedNamingTheKey() {
        RegistryConfig defaults = configured(Map.of());
        assertThat(defaults.feedRetention()).isEqualTo(10_000);
        assertThat(defaults.feedMaxSubscribers()).isEqualTo(2_000);
        assertThat(defaults.feedStreams().heartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(defaults.feedStreams().maxWait()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.redisFeedSettings().retainedChanges()).isEqualTo(10_000);
        assertThat(configured(Map.of(Setting.FEED_RETENTION, "50"))
                        .redisFeedSettings()
                        .retainedChanges())
                .isEqualTo(50);

        assertThatThrownBy(() -> configured(Map.of(Setting.FEED_RETENTION, "0")))
                .hasMessageContaining("taskregistry.feed.retention must be at least 1, was '0'");
        assertThatThrownBy(() -> configured(Map.of(Setting.FEED_MAX_SUBSCRIBERS, "many")))
                .hasMessageContaining("taskregistry.feed.max-subscribers")
                .hasMessageContaining("'many'");
        assertThatThrownBy(() -> configured(Map.of(Setting.FEED_HEARTBEAT, "PT0S")))
                .hasMessageContaining("taskregistry.feed.heartbeat");
        assertThatThrownBy(() -> configured(Map.of(Setting.FEED_MAX_WAIT, "PT1.5S")))
                .hasMessageContaining("taskregistry.feed.max-wait must be whole seconds");
    }

    @Test
    void defaults_areAccepted() {
        RegistryConfig config = config("inmemory", "PT2S", "PT5M", "P7D");

        assertThat(config.store()).isEqualTo(StoreKind.INMEMORY);
        assertThat(config.redisTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.redisPoolSize()).isEqualTo(16);
        assertThat(config.ttlPolicy().maxTtl()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void anUnknownStore_isRejectedNamingTheValidOnes() {
        assertThatThrownBy(() -> config("postgres", "PT2S", "PT5M", "P7D"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("taskregistry.store")
                .hasMessageContaining("inmemory, redis")
                .hasMessageContaining("'postgres'");
    }

    @Test
    void aMalformedDuration_isRejectedNamingTheKey() {
        assertThatThrownBy(() -> config("inmemory", "2 seconds", "PT5M", "P7D"))
                .hasMessageContaining("taskregistry.redis.timeout")
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> config("inmemory", "PT2S", "PT0S", "P7D"))
                .hasMessageContaining("taskregistry.task.default-ttl");
    }

    @Test
    void aDefaultTtlAboveTheMax_isRejected() {
        assertThatThrownBy(() -> config("inmemory", "PT2S", "P8D", "P7D"))
                .hasMessageContaining("taskregistry.task")
                .hasMessageContaining("default TTL");
    }

    @Test
    void aPoolSizeThatIsNoWholeNumber_isRejectedNamingTheKey() {
        assertThatThrownBy(() -> config("redis", "PT2S", "sixteen", "PT5M", "P7D"))
                .hasMessageContaining("taskregistry.redis.pool-size")
                .hasMessageContaining("'sixteen'");
    }

    @Test
    void publicUrlSettings_areUnsetByDefault_andAcceptedWhenWellFormed() {
        assertThat(config("inmemory", "PT2S", "PT5M", "P7D").forwardingPolicy())
                .hasToString("ForwardingPolicy[publicBaseUrl=unset, trustedProxies=[]]");
        assertThat(withApiUrls("https://tasks.example.com/registry", "10.0.0.5, ::1")
                        .forwardingPolicy())
                .hasToString(
                        "ForwardingPolicy[publicBaseUrl=https://tasks.example.com/registry/, trustedProxies=[10.0.0.5,0:0:0:0:0:0:0:1]]");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "tasks.example.com",
                "/registry",
                "ftp://tasks.example.com",
                "https://user:pw@tasks.example.com",
                "https://tasks.example.com/?a=1",
                "https://tasks.example.com/#top",
                "https://",
                "http://exa mple.com"
            })
    void aPublicBaseUrlThatIsNotAnAbsoluteHttpUrl_isRejectedNamingTheKey(String url) {
        assertThatThrownBy(() -> withApiUrls(url, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("taskregistry.api.public-base-url")
                .hasMessageContaining("absolute http or https URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.internal", "10.0.0.0/8", "10.0.0.256", "10.0.0.5;10.0.0.6", "fe80::zz"})
    void aTrustedProxyThatIsNoIpAddress_isRejectedNamingTheKey(String proxies) {
        assertThatThrownBy(() -> withApiUrls(null, "10.0.0.5," + proxies))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("taskregistry.api.trusted-proxies")
                .hasMessageContaining("IP addresses");
    }
}
