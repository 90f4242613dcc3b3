package dev.taskregistry.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every setting is checked at start-up, and an error names the key and what is valid. */
class RegistryConfigTest {

    private static RegistryConfig config(String store, String timeout, String defaultTtl, String maxTtl) {
        return config(store, timeout, "16", defaultTtl, maxTtl);
    }

    private static RegistryConfig config(String store, String timeout, String poolSize, String defaultTtl, String maxTtl) {
        return new RegistryConfig(store, "redis://127.0.0.1:6379", "taskregistry", timeout, poolSize, defaultTtl, maxTtl,
                "PT5M", "mcp://task/{id}", Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static RegistryConfig withApiUrls(String publicBaseUrl, String trustedProxies) {
        return new RegistryConfig("inmemory", "redis://127.0.0.1:6379", "taskregistry", "PT2S", "16", "PT5M", "P7D",
                "PT5M", "mcp://task/{id}", Optional.empty(), Optional.ofNullable(publicBaseUrl), Optional.ofNullable(trustedProxies));
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
                .hasMessageContaining("taskregistry.redis.timeout").hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> config("inmemory", "PT2S", "PT0S", "P7D"))
                .hasMessageContaining("taskregistry.task.default-ttl");
    }

    @Test
    void aDefaultTtlAboveTheMax_isRejected() {
        assertThatThrownBy(() -> config("inmemory", "PT2S", "P8D", "P7D"))
                .hasMessageContaining("taskregistry.task").hasMessageContaining("default TTL");
    }

    @Test
    void aPoolSizeThatIsNoWholeNumber_isRejectedNamingTheKey() {
        assertThatThrownBy(() -> config("redis", "PT2S", "sixteen", "PT5M", "P7D"))
                .hasMessageContaining("taskregistry.redis.pool-size").hasMessageContaining("'sixteen'");
    }

    @Test
    void publicUrlSettings_areUnsetByDefault_andAcceptedWhenWellFormed() {
        assertThat(config("inmemory", "PT2S", "PT5M", "P7D").forwardingPolicy())
                .hasToString("ForwardingPolicy[publicBaseUrl=unset, trustedProxies=[]]");
        assertThat(withApiUrls("https://tasks.example.com/registry", "10.0.0.5, ::1").forwardingPolicy()).hasToString(
                "ForwardingPolicy[publicBaseUrl=https://tasks.example.com/registry/, trustedProxies=[10.0.0.5,0:0:0:0:0:0:0:1]]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tasks.example.com", "/registry", "ftp://tasks.example.com", "https://user:pw@tasks.example.com",
            "https://tasks.example.com/?a=1", "https://tasks.example.com/#top", "https://", "http://exa mple.com"})
    void aPublicBaseUrlThatIsNotAnAbsoluteHttpUrl_isRejectedNamingTheKey(String url) {
        assertThatThrownBy(() -> withApiUrls(url, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("taskregistry.api.public-base-url").hasMessageContaining("absolute http or https URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.internal", "10.0.0.0/8", "10.0.0.256", "10.0.0.5;10.0.0.6", "fe80::zz"})
    void aTrustedProxyThatIsNoIpAddress_isRejectedNamingTheKey(String proxies) {
        assertThatThrownBy(() -> withApiUrls(null, "10.0.0.5," + proxies))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("taskregistry.api.trusted-proxies").hasMessageContaining("IP addresses");
    }
}
