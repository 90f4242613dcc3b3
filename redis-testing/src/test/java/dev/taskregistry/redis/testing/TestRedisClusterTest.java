package dev.taskregistry.redis.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisDataException;

/** The shared test cluster is a real Redis Cluster of 3 masters and 3 replicas, and fails over on request. */
class TestRedisClusterTest {

    private final TestRedisCluster cluster = TestRedisCluster.shared();

    @Test
    void shared_isThreeMastersWithAReplicaEach_servingEverySlot() {
        for (HostAndPort node : cluster.nodeAddresses()) {
            try (Jedis jedis = new Jedis(node)) {
                String info = jedis.clusterInfo();
                assertThat(info).contains("cluster_state:ok", "cluster_slots_assigned:16384", "cluster_size:3");
                assertThat(info).contains("cluster_known_nodes:6");
            }
        }
        assertThat(cluster.replicasOf(key())).hasSize(1);
        assertThat(TestRedisCluster.shared()).isSameAs(cluster);
    }

    @Test
    void aClusterClient_readsAndWritesKeysOfEverySlotRange() {
        try (RedisClusterClient client = RedisClusterClient.builder()
                .nodes(Set.copyOf(cluster.nodeAddresses()))
                .build()) {
            for (int i = 0; i < 30; i++) {
                String key = key();
                client.set(key, "value-" + i);
                assertThat(client.get(key)).isEqualTo("value-" + i);
                client.del(key);
            }
        }
    }

    @Test
    void masterOf_servesTheKey_andAnotherMasterRedirects() {
        String key = key();
        RedisServerProcess master = cluster.masterOf(key);
        try (Jedis owner = new Jedis(new HostAndPort("127.0.0.1", master.port()))) {
            assertThat(owner.set(key, "here")).isEqualTo("OK");
            owner.del(key);
        }
        RedisServerProcess other = cluster.nodes().stream()
                .filter(node -> node != master && !cluster.replicasOf(key).contains(node))
                .findFirst()
                .orElseThrow();
        try (Jedis elsewhere = new Jedis(new HostAndPort("127.0.0.1", other.port()))) {
            assertThatThrownBy(() -> elsewhere.set(key, "there"))
                    .isInstanceOf(JedisDataException.class)
                    .hasMessageContaining("MOVED");
        }
    }

    @Test
    void failOver_promotesTheReplica_whichServesTheKeyWithItsValue() {
        String key = key();
        RedisServerProcess before = cluster.masterOf(key);
        try (Jedis master = new Jedis(new HostAndPort("127.0.0.1", before.port()))) {
            master.set(key, "kept");
            assertThat(master.waitReplicas(1, 5000)).isEqualTo(1);
        }

        RedisServerProcess after = cluster.failOver(key);

        assertThat(after).isNotSameAs(before);
        assertThat(cluster.masterOf(key)).isSameAs(after);
        assertThat(cluster.replicasOf(key)).containsExactly(before);
        try (Jedis master = new Jedis(new HostAndPort("127.0.0.1", after.port()))) {
            assertThat(master.get(key)).isEqualTo("kept");
            master.del(key);
        }
    }

    @Test
    void aCrashedReplica_rejoins_inSyncWithItsMaster() {
        String key = key();
        RedisServerProcess replica = cluster.replicasOf(key).getFirst();

        replica.crash();
        cluster.rejoin(replica);

        assertThat(replica.isRunning()).isTrue();
        assertThat(cluster.replicasOf(key)).containsExactly(replica);
        try (Jedis rejoined = new Jedis(new HostAndPort("127.0.0.1", replica.port()))) {
            assertThat(rejoined.info("replication")).contains("role:slave", "master_link_status:up");
        }
    }

    private static String key() {
        return "{" + UUID.randomUUID() + "}:probe";
    }
}
