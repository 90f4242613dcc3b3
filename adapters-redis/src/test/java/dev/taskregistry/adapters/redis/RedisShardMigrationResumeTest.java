package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.domain.TaskStoreUnavailable;
import dev.taskregistry.redis.testing.TestRedis;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/**
 * A shard migration that stops part way (its process killed between a batch's copies and their removals, or Redis
 * unreachable) leaves a registry that no worker starts on, and the same migration run again finishes it: every task
 * moved once, none lost.
 */
class RedisShardMigrationResumeTest {

    @RegisterExtension
    static final OwnRedisServer REDIS = new OwnRedisServer();

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private final String prefix = TestRedis.uniquePrefix();
    private final MigrationFixture registry = new MigrationFixture(
            new RedisStoreSettings(REDIS.server().url(), prefix, TIMEOUT),
            RedisClient.create(URI.create(REDIS.server().url())));

    @AfterEach
    void closeWhatWasOpened() throws Exception {
        REDIS.server().resume();
        registry.close();
    }

    @Test
    void stoppedBetweenABatchsCopiesAndTheirRemovals_thenRunAgain_finishesWithEveryTaskMovedOnce() {
        registry.load(16, 1600, 0);
        AtomicInteger copies = new AtomicInteger();
        AtomicReference<ShardMigrationReport> beforeStop = new AtomicReference<>(ShardMigrationReport.NOTHING);
        Runnable stopAtThirdBatch = () -> {
            if (copies.incrementAndGet() == 3) {
                throw new IllegalStateException("killed");
            }
        };

        assertThatThrownBy(() -> migrate(16, 4, stopAtThirdBatch, beforeStop)).hasMessage("killed");

        for (int shards : new int[] {16, 4}) {
            assertThatThrownBy(() -> registry.repository(shards).warmUp())
                    .hasMessageContaining("is being migrated from 16 to 4 shards ('{" + prefix
                            + "}:shards' is 'migrating:16:4'): wait until scripts/migrate-shards.sh --from 16 --to 4"
                            + " has finished (run it again if it stopped part way)");
        }
        ShardMigrationReport again = migrate(16, 4, () -> {}, new AtomicReference<>());
        assertThat(beforeStop.get().moved() + again.moved()).isEqualTo(registry.movingFrom(16, 4));
        registry.assertMoved(16, 4);
    }

    @Test
    void stoppedByAnOutage_thenRunAgain_finishes_countingTheTasksTheFirstRunHadMoved() {
        // One old shard of more tasks than a batch: the first batch is moved, the outage hits the second's removals.
        registry.load(1, 2500, 0);
        AtomicInteger copies = new AtomicInteger();
        AtomicReference<ShardMigrationReport> beforeStop = new AtomicReference<>(ShardMigrationReport.NOTHING);
        Runnable outageAtSecondBatch = () -> {
            if (copies.incrementAndGet() == 2) {
                REDIS.server().pause();
            }
        };

        assertThatThrownBy(() -> migrate(1, 16, outageAtSecondBatch, beforeStop))
                .isInstanceOf(TaskStoreUnavailable.class);
        REDIS.server().resume();

        ShardMigrationReport again = migrate(1, 16, () -> {}, new AtomicReference<>());
        // The second batch's removals reached the frozen server and ran once it went on: their replies were lost.
        assertThat(beforeStop.get().moved()).isPositive();
        assertThat(again.movedEarlier()).isGreaterThanOrEqualTo(beforeStop.get().moved());
        assertThat(again.moved() + again.movedEarlier()).isEqualTo(registry.liveCount());
        registry.assertMoved(1, 16);
    }

    @Test
    void aTaskChangedWhileItIsMoved_stopsTheMigrationNamingIt_andTheRunAfterTheWorkersStopMovesTheChangedTask() {
        registry.load(1, 50, 0);
        RedisTaskRepository stillRunningWorker = registry.repository(1);
        stillRunningWorker.warmUp();
        var task = registry.anyTask();
        Runnable workerWrites = () -> stillRunningWorker.update(task.start(java.time.Instant.now()));

        assertThatThrownBy(() -> migrate(1, 4, workerWrites, new AtomicReference<>()))
                .isInstanceOf(ShardMigrationRefused.class)
                .hasMessage("task '" + task.id() + "' changed while it was moved ('{" + prefix + "}:task:" + task.id()
                        + "'): a worker still uses the registry; stop every worker and run the migration again");

        registry.changed(task.id(), new ShardLayout(prefix, 1));
        migrate(1, 4, () -> {}, new AtomicReference<>());
        registry.assertMoved(1, 4);
    }

    private ShardMigrationReport migrate(
            int from, int to, Runnable afterCopy, AtomicReference<ShardMigrationReport> lastBatch) {
        RedisStoreSettings settings = registry.settings(1);
        try (ShardMigration migration =
                new ShardMigration(RedisConnection.standalone(settings), prefix, ReplicaWait.none(), afterCopy)) {
            return migration.migrate(from, to, new ShardMigration.Progress() {
                @Override
                public void batchMoved(int shard, ShardMigrationReport soFar) {
                    lastBatch.set(soFar);
                }
            });
        }
    }
}
