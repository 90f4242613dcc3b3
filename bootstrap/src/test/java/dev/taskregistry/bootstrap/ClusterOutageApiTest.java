package dev.taskregistry.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.redis.testing.RedisServerProcess;
import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisCluster;
import io.helidon.microprofile.testing.AddConfigSource;
import io.helidon.microprofile.testing.junit5.HelidonTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/**
 * The service on the shared Redis Cluster while the master of the registry's slot and its replica cannot be
 * reached (both paused, so no replica can take over): an outage, reported as on a single Redis, and over without
 * a restart once they answer again. The other masters keep answering all the while.
 */
@HelidonTest
class ClusterOutageApiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final String PREFIX = TestRedis.uniquePrefix();

    private final TestRedisCluster cluster = TestRedisCluster.shared();
    private final ApiClient api = ApiClient.ofTestedService().checkingAnswersAgainstServedOpenApi();

    @AddConfigSource
    static ConfigSource onTheCluster() {
        return RedisStoreConfig.of(
                "redis://127.0.0.1",
                PREFIX,
                "taskregistry.redis.mode",
                "cluster",
                "taskregistry.redis.nodes",
                TestRedisCluster.shared().nodesSetting(),
                "taskregistry.redis.timeout",
                TIMEOUT.toString());
    }

    @Test
    void whileTheRegistrysMasterAndItsReplicaAreUnreachable_everyRequestIsAnOutage_andItRecovers() {
        OutageAnswers.awaitReady(api);
        assertThat(api.post("/tasks", "{\"id\":\"cluster-outage-1\",\"type\":\"report\"}")
                        .status())
                .isEqualTo(201);
        String registryKey = "{" + PREFIX + "}:idx:all";
        List<RedisServerProcess> unreachable = new ArrayList<>();
        unreachable.add(cluster.masterOf(registryKey));
        unreachable.addAll(cluster.replicasOf(registryKey));

        unreachable.forEach(RedisServerProcess::pause);
        try {
            OutageAnswers.assertOutage(api, TIMEOUT, "cluster-outage-1");
        } finally {
            unreachable.forEach(RedisServerProcess::resume);
        }
        cluster.awaitHealthy();

        OutageAnswers.awaitReady(api);
        assertThat(api.get("/tasks/cluster-outage-1").status()).isEqualTo(200);
        assertThat(api.post("/tasks", "{\"type\":\"report\"}").status()).isEqualTo(201);
    }
}
