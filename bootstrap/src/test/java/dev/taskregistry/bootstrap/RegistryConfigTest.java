package dev.taskregistry.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every setting is checked at start-up, and an error names the key and what is valid. */
class RegistryConfigTest {

    private static RegistryConfig config(String store, String timeout, String defaultTtl, String maxTtl) {
        return config(store, timeout, "16", defaultTtl, maxTtl);
    }

    private static RegistryConfig config(String store, String timeout, String poolSize, String defaultTtl, String maxTtl) {
        return new RegistryConfig(store, "redis://127.0.0.1:6379", "taskregistry", timeout, poolSize, defaultTtl, maxTtl,
                "PT5M", "mcp://task/{id}", Optional.empty());
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
}
