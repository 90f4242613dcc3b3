package dev.taskregistry.redis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The shared Sentinel set is a master with two replicas watched by three sentinels, and fails over on request
 * and when its master dies.
 */
class TestRedisSentinelTest {

    private final TestRedisSentinel sentinel = TestRedisSentinel.shared();

    @Test
    void shared_isAMasterWithTwoReplicas_knownToThreeSentinels() {
        RedisServerProcess master = sentinel.master();
        try (Jedis jedis = new Jedis(address(master))) {
            assertThat(jedis.info("replication")).contains("role:master", "connected_slaves:2");
        }
        for (HostAndPort node : sentinel.sentinelAddresses()) {
            try (Jedis jedis = new Jedis(node)) {
                assertThat(jedis.sentinelGetMasterAddrByName(TestRedisSentinel.MASTER_NAME))
                        .containsExactly("127.0.0.1", String.valueOf(master.port()));
            }
        }
        assertThat(sentinel.sentinelsSetting().split(",")).hasSize(3);
        assertThat(TestRedisSentinel.shared()).isSameAs(sentinel);
    }

    @Test
    void failOver_promotesAReplica_thatHasTheData() {
        String key = key();
        RedisServerProcess before = sentinel.master();
        write(before, key);

        RedisServerProcess after = sentinel.failOver();

        assertThat(after).isNotSameAs(before);
        assertHolds(after, key);
    }

    @Test
    void aCrashedMaster_isReplaced_andReturnsAsAReplica() {
        String key = key();
        RedisServerProcess before = sentinel.master();
        write(before, key);

        before.crash();
        RedisServerProcess after = sentinel.awaitStableMaster();
        assertThat(after).isNotSameAs(before);
        assertHolds(after, key);

        before.startAgain();
        assertThat(sentinel.awaitStableMaster()).isSameAs(after);
        try (Jedis returned = new Jedis(address(before))) {
            assertThat(returned.info("replication")).contains("role:slave", "master_port:" + after.port());
        }
        assertThat(Set.copyOf(sentinel.dataNodes())).allMatch(RedisServerProcess::isRunning);
    }

    @Test
    void failOverAndDemoteTheOldMaster_leavesTheOldMasterAReplicaOfTheNewOne() {
        String key = key();
        RedisServerProcess before = sentinel.master();
        write(before, key);

        RedisServerProcess after = sentinel.failOverAndDemoteTheOldMaster();

        assertThat(after).isNotSameAs(before);
        try (Jedis old = new Jedis(address(before))) {
            assertThat(old.info("replication")).contains("role:slave", "master_port:" + after.port());
        }
        assertHolds(after, key);
    }

    @Test
    void aCrashedMaster_rejoins_asAReplicaOfTheNewMaster() {
        RedisServerProcess before = sentinel.master();

        before.crash();
        RedisServerProcess after = sentinel.awaitStableMaster();
        assertThat(sentinel.rejoin(before)).isSameAs(after);

        try (Jedis returned = new Jedis(address(before))) {
            assertThat(returned.info("replication"))
                    .contains("role:slave", "master_port:" + after.port(), "master_link_status:up");
        }
    }

    private static void write(RedisServerProcess master, String key) {
        try (Jedis jedis = new Jedis(address(master))) {
            jedis.set(key, "kept");
            assertThat(jedis.waitReplicas(2, 5000)).isEqualTo(2);
        }
    }

    private static void assertHolds(RedisServerProcess master, String key) {
        try (Jedis jedis = new Jedis(address(master))) {
            assertThat(jedis.get(key)).isEqualTo("kept");
            jedis.del(key);
        }
    }

    private static HostAndPort address(RedisServerProcess process) {
        return new HostAndPort("127.0.0.1", process.port());
    }

    private static String key() {
        return "probe-" + UUID.randomUUID();
    }
}
