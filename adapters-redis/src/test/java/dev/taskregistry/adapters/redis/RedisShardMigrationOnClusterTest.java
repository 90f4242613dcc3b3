package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.redis.testing.TestRedis;
import dev.taskregistry.redis.testing.TestRedisCluster;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClusterClient;

/**
 * A shard migration on the JVM's shared Redis Cluster (3 masters), connected as the service connects: the one slot
 * of an unsharded registry is spread over 12 shards, so over every master, whole.
 */
class RedisShardMigrationOnClusterTest {

    private static final int EXPIRED = 20;

    private final TestRedisCluster cluster = TestRedisCluster.shared();
    private final String prefix = TestRedis.uniquePrefix();
    private final MigrationFixture registry = new MigrationFixture(
            TestRepositories.clusterSettings(cluster, prefix),
            RedisClusterClient.builder()
                    .nodes(new HashSet<>(cluster.nodeAddresses()))
                    .build());

    @AfterEach
    void deleteThisTestsKeys() throws Exception {
        registry.close();
        Set<String> masters = new HashSet<>(TestRepositories.mastersOf(cluster, prefix, 1));
        masters.addAll(TestRepositories.mastersOf(cluster, prefix, 12));
        TestRedis.deleteShardedNamespace(prefix, masters);
    }

    @Test
    void fromOneShardTo12_movesEveryTaskOntoEveryMaster() {
        registry.load(1, 1200, EXPIRED);
        registry.addOriginalServiceDocument();

        ShardMigrationReport report;
        try (ShardMigration migration = ShardMigration.connect(registry.settings(1))) {
            report = migration.migrate(1, 12, new ShardMigration.Progress() {});
        }

        assertThat(report).isEqualTo(new ShardMigrationReport(registry.liveCount(), 0, EXPIRED, 0));
        assertThat(TestRepositories.mastersOf(cluster, prefix, 12)).hasSize(3);
        registry.assertMoved(1, 12);
    }
}
