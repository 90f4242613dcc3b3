package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.FeedGap;
import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.FeedReplay;
import dev.taskregistry.domain.TaskChangeFeed;
import dev.taskregistry.domain.TaskChangeFilter;
import dev.taskregistry.domain.testing.TestTasks;
import dev.taskregistry.redis.testing.TestRedis;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Feed positions across shard migrations: the old layout's streams are emptied, not deleted, so a client that resumes
 * from a position issued before is answered with a gap (a reset), never with a silent miss, even when the registry
 * comes back to a layout whose stream has the same key. (A client that had read every change gets a reset too: the
 * stream cannot tell its position from one with entries trimmed after it.)
 */
class RedisShardMigrationFeedTest {

    private final String prefix = TestRedis.uniquePrefix();
    private final RedisStoreSettings settings =
            new RedisStoreSettings(TestRedis.url(), prefix, TestRepositories.TIMEOUT);

    @AfterEach
    void deleteThisTestsKeys() {
        TestRedis.deleteShardedNamespace(prefix, List.of(TestRedis.url()));
    }

    @Test
    void afterMovingToFourShardsAndBack_everyPositionFromBefore_isAGap_whichResetsTheClient() {
        FeedPosition behind;
        FeedPosition caughtUp;
        try (RedisTaskRepository before = RedisTaskRepository.connect(settings)) {
            TaskChangeFeed feed = before.changeFeed();
            before.register(TestTasks.pendingTask(Instant.now()));
            behind = feed.head();
            before.register(TestTasks.pendingTask(Instant.now()));
            caughtUp = feed.head();
        }

        migrate(1, 4);
        migrate(4, 1);

        try (RedisTaskRepository after = RedisTaskRepository.connect(settings)) {
            TaskChangeFeed feed = after.changeFeed();
            // While the emptied stream has no entry yet, and once it has one again.
            assertThat(feed.replay(behind, TaskChangeFilter.all(), 10)).isInstanceOf(FeedGap.class);
            after.register(TestTasks.pendingTask(Instant.now()));

            assertThat(feed.replay(behind, TaskChangeFilter.all(), 10)).isInstanceOf(FeedGap.class);
            assertThat(feed.replay(caughtUp, TaskChangeFilter.all(), 10)).isInstanceOf(FeedGap.class);
            assertThat(feed.replay(feed.head(), TaskChangeFilter.all(), 10))
                    .isEqualTo(new FeedReplay.Changes(List.of(), feed.head()));
        }
    }

    private void migrate(int from, int to) {
        try (ShardMigration migration = ShardMigration.connect(settings)) {
            migration.migrate(from, to, new ShardMigration.Progress() {});
        }
    }
}
