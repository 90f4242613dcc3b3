package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code taskregistry.redis.mode}, {@code nodes} and {@code sentinel.master}: every wrong combination names its key. */
class RedisDeploymentTest {

    private static final Optional<String> UNSET = Optional.empty();

    @Test
    void standalone_isTheDefaultKind_andTakesNoNodesOrMaster() {
        assertThat(RedisDeployment.of("standalone", UNSET, UNSET)).isEqualTo(RedisDeployment.standalone());
        assertThat(RedisDeployment.of(" Standalone ", Optional.of(" "), Optional.of("")))
                .isEqualTo(RedisDeployment.standalone());
    }

    @Test
    void sentinel_takesTheSentinelsAndTheMastersName() {
        assertThat(RedisDeployment.of(
                        "sentinel", Optional.of("10.0.0.1:26379, sentinel-2:26380,[::1]:26381"), Optional.of("orders")))
                .isEqualTo(new RedisDeployment.Sentinel(
                        "orders",
                        List.of(
                                new RedisNode("10.0.0.1", 26379),
                                new RedisNode("sentinel-2", 26380),
                                new RedisNode("::1", 26381))));
    }

    @Test
    void cluster_takesSeedNodes() {
        assertThat(RedisDeployment.of("CLUSTER", Optional.of("127.0.0.1:7000"), UNSET))
                .isEqualTo(new RedisDeployment.Cluster(List.of(new RedisNode("127.0.0.1", 7000))));
    }

    @Test
    void anUnknownMode_isRejectedNamingTheModeAndTheValidOnes() {
        assertThatThrownBy(() -> RedisDeployment.of("replicated", UNSET, UNSET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'taskregistry.redis.mode'")
                .hasMessageContaining("standalone, sentinel or cluster")
                .hasMessageContaining("'replicated'");
    }

    @Test
    void sentinelWithoutAMasterName_isRejectedNamingTheMasterKey() {
        assertThatThrownBy(() -> RedisDeployment.of("sentinel", Optional.of("127.0.0.1:26379"), UNSET))
                .hasMessageContaining("'taskregistry.redis.sentinel.master' is required with mode sentinel");
    }

    @Test
    void sentinelOrClusterWithoutNodes_isRejectedNamingTheNodesKey() {
        assertThatThrownBy(() -> RedisDeployment.of("sentinel", UNSET, Optional.of("orders")))
                .hasMessageContaining("'taskregistry.redis.nodes' is required with mode sentinel");
        assertThatThrownBy(() -> RedisDeployment.of("cluster", Optional.of("  "), UNSET))
                .hasMessageContaining("'taskregistry.redis.nodes' is required with mode cluster");
    }

    @Test
    void nodesOrAMasterWhereTheyMeanNothing_areRejectedNamingTheKey() {
        assertThatThrownBy(() -> RedisDeployment.of("standalone", Optional.of("127.0.0.1:6379"), UNSET))
                .hasMessageContaining("'taskregistry.redis.nodes' means nothing with mode standalone");
        assertThatThrownBy(() -> RedisDeployment.of("standalone", UNSET, Optional.of("orders")))
                .hasMessageContaining("'taskregistry.redis.sentinel.master' means nothing with mode standalone");
        assertThatThrownBy(() -> RedisDeployment.of("cluster", Optional.of("127.0.0.1:7000"), Optional.of("orders")))
                .hasMessageContaining("'taskregistry.redis.sentinel.master' means nothing with mode cluster");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.0.0.1:",
                ":6379",
                "127.0.0.1:6379,",
                "127.0.0.1:6379,,127.0.0.2:6379",
                "127.0.0.1:port",
                "redis://127.0.0.1:6379",
                "::1:6379",
                "host name:6379",
                "h\r\nforged:6379"
            })
    void aNodeThatIsNotHostColonPort_isRejectedNamingTheNodesKey(String nodes) {
        assertThatThrownBy(() -> RedisDeployment.of("cluster", Optional.of(nodes), UNSET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'taskregistry.redis.nodes' must be host:port entries")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("\r");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:99999"})
    void aPortOutsideOneTo65535_isRejectedNamingTheNodesKey(String nodes) {
        assertThatThrownBy(() -> RedisDeployment.of("cluster", Optional.of(nodes), UNSET))
                .hasMessageContaining("'taskregistry.redis.nodes' names port");
    }

    @Test
    void aNodeListedTwice_isRejectedNamingTheNodesKey() {
        assertThatThrownBy(() -> RedisDeployment.of("cluster", Optional.of("127.0.0.1:7000,127.0.0.1:7000"), UNSET))
                .hasMessageContaining("'taskregistry.redis.nodes' lists 127.0.0.1:7000 twice");
    }

    @Test
    void clusterWithADatabaseOtherThanZero_isRejectedNamingTheUrl() {
        RedisDeployment cluster = RedisDeployment.of("cluster", Optional.of("127.0.0.1:7000"), UNSET);

        assertThatThrownBy(() ->
                        new RedisStoreSettings("redis://127.0.0.1/2", "tr", Duration.ofSeconds(2), 16, cluster, 0))
                .hasMessageContaining("'taskregistry.redis.url' names database 2")
                .hasMessageContaining("Redis Cluster has only database 0");
        assertThat(new RedisStoreSettings("redis://127.0.0.1/0", "tr", Duration.ofSeconds(2), 16, cluster, 0)
                        .deployment())
                .isEqualTo(cluster);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65})
    void waitReplicasOutsideZeroTo64_isRejectedNamingTheKey(int replicas) {
        assertThatThrownBy(() -> new RedisStoreSettings(
                        "redis://127.0.0.1", "tr", Duration.ofSeconds(2), 16, RedisDeployment.standalone(), replicas))
                .hasMessageContaining("'taskregistry.redis.wait-replicas' must be between 0 and 64, was " + replicas);
    }
}
