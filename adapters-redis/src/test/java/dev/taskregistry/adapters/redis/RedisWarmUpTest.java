package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.adapters.redis.LuaScripts.Script;
import dev.taskregistry.domain.TaskStoreUnavailable;
import dev.taskregistry.redis.testing.TestRedis;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;

/** Warming up opens every pooled connection and loads every script, so a first burst waits for neither. */
class RedisWarmUpTest {

    private static final int POOL_SIZE = 5;

    @RegisterExtension
    static final OwnRedisServer redis = new OwnRedisServer();

    @Test
    void warmUp_opensThePoolSizeOfConnections_andLoadsEveryScript() throws Exception {
        try (Jedis observer = redis.openConnection()) {
            observer.scriptFlush();
            long before = connectedClients(observer);
            try (RedisTaskRepository repository = TestRepositories.on(new RedisStoreSettings(
                    redis.server().url(), TestRedis.uniquePrefix(), Duration.ofSeconds(2), POOL_SIZE))) {
                repository.warmUp();

                assertThat(connectedClients(observer) - before).isEqualTo(POOL_SIZE);
                String[] shas = Arrays.stream(Script.values()).map(Script::sha).toArray(String[]::new);
                assertThat(observer.scriptExists(shas)).containsOnly(true).hasSize(Script.values().length);
            }
        }
    }

    @Test
    void warmUp_whileRedisIsDown_failsWithStoreUnavailable() {
        try (RedisTaskRepository repository = TestRepositories.on(new RedisStoreSettings(
                "redis://127.0.0.1:1", TestRedis.uniquePrefix(), Duration.ofMillis(500), POOL_SIZE))) {
            assertThatThrownBy(repository::warmUp)
                    .isInstanceOf(TaskStoreUnavailable.class)
                    .hasMessageContaining("warm-up");
        }
    }

    private static long connectedClients(Jedis observer) {
        return observer.clientList().lines().filter(line -> !line.isBlank()).count();
    }
}
