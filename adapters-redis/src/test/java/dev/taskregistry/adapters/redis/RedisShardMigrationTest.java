package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.redis.testing.TestRedis;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * A shard migration on one real Redis moves every live task to its shard of the new count, whole (see
 * {@link MigrationFixture#assertMoved}), from one shard to many, many to fewer, to a multiple that keeps some
 * shards' hash tags, and back to one; it reports what it moved, kept and skipped.
 */
class RedisShardMigrationTest {

    private static final int EXPIRED = 20;

    private final String prefix = TestRedis.uniquePrefix();
    private final MigrationFixture registry = new MigrationFixture(
            new RedisStoreSettings(TestRedis.url(), prefix, TestRepositories.TIMEOUT),
            RedisClient.create(URI.create(TestRedis.url())));

    @AfterEach
    void deleteThisTestsKeys() throws Exception {
        registry.close();
        TestRedis.deleteShardedNamespace(prefix, List.of(TestRedis.url()));
    }

    @Test
    void fromOneShardTo16_movesEveryTask_alsoTheOriginalServicesUnindexedDocuments() {
        // More tasks than one batch of the walk, so the one old shard is walked in several.
        registry.load(1, 2500, EXPIRED);
        registry.addOriginalServiceDocument();

        ShardMigrationReport report = migrate(1, 16);

        assertThat(report).isEqualTo(new ShardMigrationReport(registry.liveCount(), 0, EXPIRED, 0));
        registry.assertMoved(1, 16);
    }

    @Test
    void aRegistryWrittenBeforeShardsExisted_recordingNoCount_isMigratedFromOneShard() {
        registry.load(1, 300, 0);
        registry.redis().del(new ShardLayout(prefix, 1).shardCountKey());

        assertThat(migrate(1, 16).moved()).isEqualTo(300);

        registry.assertMoved(1, 16);
    }

    @Test
    void from16ShardsTo4_keepsTheTasksOfTheFourSharedHashTags_andMovesTheRest() {
        registry.load(16, 1600, EXPIRED);

        ShardMigrationReport report = migrate(16, 4);

        long moving = registry.movingFrom(16, 4);
        assertThat(report).isEqualTo(new ShardMigrationReport(moving, registry.liveCount() - moving, EXPIRED, 0));
        registry.assertMoved(16, 4);
    }

    @Test
    void from4ShardsTo8_whoseFirstFourHashTagsAreBothOldAndNew_movesOnlyTheTasksOfTheOtherFour() {
        registry.load(4, 1600, EXPIRED);

        ShardMigrationReport report = migrate(4, 8);

        long moving = registry.movingFrom(4, 8);
        assertThat(moving).isBetween(600L, 1000L);
        assertThat(report).isEqualTo(new ShardMigrationReport(moving, registry.liveCount() - moving, EXPIRED, 0));
        registry.assertMoved(4, 8);
    }

    @Test
    void from5ShardsTo3_whereTasksMoveIntoOldShardsNotYetWalked_movesEachOnce() {
        registry.load(5, 900, EXPIRED);

        ShardMigrationReport report = migrate(5, 3);

        long moving = registry.movingFrom(5, 3);
        assertThat(report).isEqualTo(new ShardMigrationReport(moving, registry.liveCount() - moving, EXPIRED, 0));
        registry.assertMoved(5, 3);
    }

    @Test
    void from16ShardsToOne_bringsEveryTaskBackToTheUnshardedKeys() {
        registry.load(16, 1600, EXPIRED);

        ShardMigrationReport report = migrate(16, 1);

        assertThat(report).isEqualTo(new ShardMigrationReport(registry.liveCount(), 0, EXPIRED, 0));
        registry.assertMoved(16, 1);
    }

    private ShardMigrationReport migrate(int from, int to) {
        try (ShardMigration migration = ShardMigration.connect(registry.settings(1))) {
            return migration.migrate(from, to, new ShardMigration.Progress() {});
        }
    }
}
