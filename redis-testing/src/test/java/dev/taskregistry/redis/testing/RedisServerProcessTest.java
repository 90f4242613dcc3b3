package dev.taskregistry.redis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** The controllable test server does what fault and durability tests rely on. */
class RedisServerProcessTest {

    @Test
    void appendOnlyServer_keepsEverySyncedWrite_acrossACrashAndAStartOnTheSamePort(@TempDir Path dir) {
        try (RedisServerProcess server = RedisServerProcess.start(RedisServerOptions.appendOnly("always", dir))) {
            try (Jedis redis = client(server, 2_000)) {
                redis.set("durable", "yes");
            }
            server.crash();
            server.startAgain();

            try (Jedis redis = client(server, 2_000)) {
                assertThat(redis.get("durable")).isEqualTo("yes");
            }
        }
    }

    @Test
    void pausedServer_answersNothing_untilResumed() {
        try (RedisServerProcess server = RedisServerProcess.start();
                Jedis redis = client(server, 300)) {
            server.pause();
            try {
                assertThatThrownBy(redis::ping).isInstanceOf(JedisConnectionException.class);
            } finally {
                server.resume();
            }
            try (Jedis fresh = client(server, 2_000)) {
                assertThat(fresh.ping()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void closedServer_leavesNothingListeningOnItsPort() {
        RedisServerProcess server = RedisServerProcess.start();
        int port = server.port();

        server.close();

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
    }

    private static Jedis client(RedisServerProcess server, int timeoutMillis) {
        URI uri = URI.create(server.url());
        return new Jedis(
                new HostAndPort(uri.getHost(), uri.getPort()),
                DefaultJedisClientConfig.builder().timeoutMillis(timeoutMillis).build());
    }
}
