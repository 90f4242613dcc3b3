package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisStoreSettingsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void acceptsRedisAndRedissUrls_withUserPasswordAndDatabase() {
        RedisStoreSettings plain = new RedisStoreSettings("redis://127.0.0.1:6379", "taskregistry", TIMEOUT);
        RedisStoreSettings tls = new RedisStoreSettings("rediss://worker:s3cret@redis.internal:6380/2", "tr", TIMEOUT);

        assertThat(plain.uri().getPort()).isEqualTo(6379);
        assertThat(tls.uri().getHost()).isEqualTo("redis.internal");
        assertThat(tls.uri().getPath()).isEqualTo("/2");
    }

    @Test
    void urlWithoutAPort_meansTheDefaultPort() {
        assertThat(new RedisStoreSettings("redis://redis.internal", "tr", TIMEOUT).port())
                .isEqualTo(6379);
        assertThat(new RedisStoreSettings("rediss://redis.internal:6380/1", "tr", TIMEOUT).port())
                .isEqualTo(6380);
    }

    @Test
    void urlWithAnotherScheme_isRejectedNamingTheUrl() {
        assertThatThrownBy(() -> new RedisStoreSettings("http://127.0.0.1:6379", "tr", TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'taskregistry.redis.url'")
                .hasMessageContaining("redis://");
    }

    @Test
    void urlWithAPathOtherThanADatabase_isRejectedNamingTheUrl() {
        assertThatThrownBy(() -> new RedisStoreSettings("redis://127.0.0.1:6379/tasks", "tr", TIMEOUT))
                .hasMessageContaining("'taskregistry.redis.url'");
    }

    @Test
    void prefixThatCouldLeaveItsHashTag_isRejectedNamingTheKeyPrefix() {
        for (String prefix : new String[] {"", "a}b", "a{b", "with space", "x".repeat(65)}) {
            assertThatThrownBy(() -> new RedisStoreSettings("redis://127.0.0.1", prefix, TIMEOUT))
                    .hasMessageContaining("'taskregistry.redis.key-prefix'");
        }
    }

    @Test
    void timeoutThatIsNotPositiveOrIsOverAMinute_isRejectedNamingTheTimeout() {
        for (Duration timeout : new Duration[] {Duration.ZERO, Duration.ofMillis(-1), Duration.ofMinutes(2)}) {
            assertThatThrownBy(() -> new RedisStoreSettings("redis://127.0.0.1", "tr", timeout))
                    .hasMessageContaining("'taskregistry.redis.timeout'");
        }
    }

    @Test
    void passwordNeverShows_inTheTextOrInErrors() {
        RedisStoreSettings settings = new RedisStoreSettings("redis://worker:s3cret@127.0.0.1:6379/1", "tr", TIMEOUT);

        assertThat(settings.toString()).doesNotContain("s3cret").contains("127.0.0.1:6379/1");
        assertThatThrownBy(() -> new RedisStoreSettings("redis://worker:s3cret@127.0.0.1/x", "tr", TIMEOUT))
                .message()
                .doesNotContain("s3cret");
        assertThatThrownBy(() -> new RedisStoreSettings("redis://worker:s3cret@127.0.0.1:port", "tr", TIMEOUT))
                .message()
                .doesNotContain("s3cret");
    }

    @Test
    void poolSizeOutsideOneTo1024_isRejectedNamingThePoolSize() {
        for (int poolSize : new int[] {0, -1, 1025}) {
            assertThatThrownBy(() -> new RedisStoreSettings("redis://127.0.0.1", "tr", TIMEOUT, poolSize))
                    .hasMessageContaining("'taskregistry.redis.pool-size'")
                    .hasMessageContaining("was " + poolSize);
        }
        assertThat(new RedisStoreSettings("redis://127.0.0.1", "tr", TIMEOUT).poolSize())
                .isEqualTo(16);
    }
}
