package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.redis.testing.TestRedis;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** A shard migration refuses, naming the problem and changing nothing, what it must not or need not do. */
class RedisShardMigrationRefusalsTest {

    private final String prefix = TestRedis.uniquePrefix();
    private final String countKey = "{" + prefix + "}:shards";
    private final MigrationFixture registry = new MigrationFixture(
            new RedisStoreSettings(TestRedis.url(), prefix, TestRepositories.TIMEOUT),
            RedisClient.create(URI.create(TestRedis.url())));

    @AfterEach
    void deleteThisTestsKeys() throws Exception {
        registry.close();
        TestRedis.deleteShardedNamespace(prefix, List.of(TestRedis.url()));
    }

    @Test
    void fromACountOtherThanTheRecordedOne_isRefusedNamingTheRecordedCount() {
        registry.load(4, 20, 0);

        assertThatThrownBy(() -> migrate(8, 16))
                .isInstanceOf(ShardMigrationRefused.class)
                .hasMessage("the registry '" + prefix + "' records 4 shards in '" + countKey
                        + "', not 8: migrate from 4 (the workers' 'taskregistry.redis.shards')");

        assertThat(registry.redis().get(countKey)).isEqualTo("4");
        assertThat(registry.repository(4).stats().total()).isEqualTo(20);
    }

    @Test
    void aRunWhoseMarkWasReplacedMeanwhile_doesNotRecordItsCount_andSaysAnotherRunOrWorkerIsBusy() {
        registry.load(4, 20, 0);
        // Another run began a migration from 4 to 16 after this one had marked the registry for 4 to 8.
        registry.redis().set(countKey, "migrating:4:16");

        assertThatThrownBy(() -> new MigrationMark(4, 8).finish(registry.redis(), new ShardLayout(prefix, 8)))
                .isInstanceOf(ShardMigrationRefused.class)
                .hasMessageContaining("'" + countKey + "' changed while the migration ended")
                .hasMessageContaining("now 'migrating:4:16'")
                .hasMessageContaining("another migration or a worker is running");

        assertThat(registry.redis().get(countKey)).isEqualTo("migrating:4:16");
    }

    @Test
    void toTheSameCount_orToACountOutOfRange_isRefusedBeforeRedisIsAsked() {
        assertThatThrownBy(() -> migrate(4, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the new shard count is the current one, 4: there is nothing to migrate");
        assertThatThrownBy(() -> migrate(1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the new shard count must be between 1 and 1024, was 0");
        assertThatThrownBy(() -> migrate(1, 1025))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the new shard count must be between 1 and 1024, was 1025");
        assertThatThrownBy(() -> migrate(-1, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the current shard count must be between 1 and 1024, was -1");
        assertThat(registry.redis().exists(countKey)).isFalse();
    }

    @Test
    void whereThereIsNoRegistry_isRefusedSuggestingToCheckTheConnectionSettings() {
        assertThatThrownBy(() -> migrate(1, 16))
                .isInstanceOf(ShardMigrationRefused.class)
                .hasMessage("there is no registry '" + prefix + "' here: '" + countKey + "' is not set and there are"
                        + " no tasks under '{" + prefix + "}'; check the URL, mode and key prefix (an empty registry"
                        + " needs no migration: start the workers with the new 'taskregistry.redis.shards')");

        assertThat(registry.redis().exists(countKey)).isFalse();
    }

    @Test
    void fromManyShards_ofARegistryWrittenBeforeShardsExisted_isRefusedSayingItHasOne() {
        registry.load(1, 20, 0);
        registry.redis().del(countKey);

        assertThatThrownBy(() -> migrate(4, 8))
                .isInstanceOf(ShardMigrationRefused.class)
                .hasMessage("the registry '" + prefix + "' records no shard count in '" + countKey + "' and holds its"
                        + " tasks in the unsharded layout, so it has 1 shard, not 4: migrate from 1");

        assertThat(registry.redis().exists(countKey)).isFalse();
    }

    @Test
    void whileAnotherMigrationIsUnderWay_isRefusedNamingIt() {
        registry.load(4, 20, 0);
        registry.redis().set(countKey, "migrating:4:8");

        assertThatThrownBy(() -> migrate(4, 16))
                .isInstanceOf(ShardMigrationRefused.class)
                .hasMessage("the registry '" + prefix + "' is being migrated from 4 to 8 shards ('" + countKey
                        + "' is 'migrating:4:8'), a run that stopped part way: finish it first by running the"
                        + " migration again from 4 to 8 shards");

        assertThat(registry.redis().get(countKey)).isEqualTo("migrating:4:8");
    }

    private void migrate(int from, int to) {
        try (ShardMigration migration = ShardMigration.connect(registry.settings(1))) {
            migration.migrate(from, to, new ShardMigration.Progress() {});
        }
    }
}
