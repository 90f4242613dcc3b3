package dev.taskregistry.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisSentinel;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/**
 * The service on the shared Sentinel set while its master and both replicas cannot be reached (all paused, so
 * the sentinels have no replica to promote): an outage, reported as on a single Redis, and over without a
 * restart once they answer again.
 */
@HelidonTest
class SentinelOutageApiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final TestRedisSentinel sentinel = TestRedisSentinel.shared();
    private final ApiClient api = ApiClient.ofTestedService().checkingAnswersAgainstServedOpenApi();

    @AddConfigSource
    static ConfigSource onTheSentinelSet() {
        return RedisStoreConfig.of(
                "redis://127.0.0.1",
                TestRedis.uniquePrefix(),
                "taskregistry.redis.mode",
                "sentinel",
                "taskregistry.redis.nodes",
                TestRedisSentinel.shared().sentinelsSetting(),
                "taskregistry.redis.sentinel.master",
                TestRedisSentinel.MASTER_NAME,
                "taskregistry.redis.timeout",
                TIMEOUT.toString());
    }

    @Test
    void whileTheMasterAndItsReplicasAreUnreachable_everyRequestIsAnOutage_andItRecovers() {
        OutageAnswers.awaitReady(api);
        assertThat(api.post("/tasks", "{\"id\":\"sentinel-outage-1\",\"type\":\"report\"}")
                        .status())
                .isEqualTo(201);
        RedisServerProcess master = sentinel.master();
        List<RedisServerProcess> replicas =
                sentinel.dataNodes().stream().filter(node -> node != master).toList();

        master.pause();
        replicas.forEach(RedisServerProcess::pause);
        try {
            OutageAnswers.assertOutage(api, TIMEOUT, "sentinel-outage-1");
        } finally {
            // The master first: once it answers the sentinels' pings, none of them starts a failover.
            master.resume();
            replicas.forEach(RedisServerProcess::resume);
        }
        sentinel.awaitStableMaster();

        OutageAnswers.awaitReady(api);
        assertThat(api.get("/tasks/sentinel-outage-1").status()).isEqualTo(200);
        assertThat(api.post("/tasks", "{\"type\":\"report\"}").status()).isEqualTo(201);
    }
}
