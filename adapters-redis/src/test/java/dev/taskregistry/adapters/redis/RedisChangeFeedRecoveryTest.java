package dev.taskregistry.adapters.redis;

import static dev.taskregistry.domain.testing.FeedReading.nextChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.taskregistry.domain.FeedEvent;
import dev.taskregistry.domain.FeedSubscription;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskChangeFilter;
import dev.taskregistry.domain.TaskStoreUnavailable;
import dev.taskregistry.domain.testing.FeedReading;
import dev.taskregistry.domain.testing.TestTasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The process' stream reader outlives an outage of Redis: while it cannot read, subscribers are told so at once
 * ({@code TaskStoreUnavailable}, never silence); once Redis is back it resumes after the last entry it read, so a
 * subscription that waited through the outage misses none of the changes written since, without a restart.
 */
class RedisChangeFeedRecoveryTest {

    @RegisterExtension
    static final OwnRedisServer redis = new OwnRedisServer();

    private final RedisTaskRepository repository = redis.openRepositoryWithFeed();

    @AfterEach
    void serverRunsForTheNextTest() {
        if (!redis.server().isRunning()) {
            redis.server().startAgain();
        }
    }

    @Test
    void whileRedisIsStopped_aWaitingSubscriberIsToldItIsUnavailable() throws Exception {
        try (FeedSubscription subscription =
                repository.changeFeed().subscribe(TaskChangeFilter.all(), Optional.empty())) {
            Task seen = TestTasks.pendingTask(Instant.now());
            repository.register(seen);
            assertThat(nextChange(subscription).taskId()).isEqualTo(seen.id());

            redis.server().stop();

            assertThatThrownBy(() -> subscription.next(FeedReading.PATIENCE)).isInstanceOf(TaskStoreUnavailable.class);
        }
    }

    /** A paused server keeps its connections open: only a bounded wait on the blocking read notices it. */
    @Test
    void whileRedisIsPaused_aWaitingSubscriberIsToldItIsUnavailable_andReadsOnOnceItIsBack() throws Exception {
        try (FeedSubscription subscription =
                repository.changeFeed().subscribe(TaskChangeFilter.all(), Optional.empty())) {
            repository.register(TestTasks.pendingTask(Instant.now()));
            nextChange(subscription);

            redis.server().pause();
            try {
                assertThatThrownBy(() -> subscription.next(FeedReading.PATIENCE))
                        .isInstanceOf(TaskStoreUnavailable.class);
            } finally {
                redis.server().resume();
            }
            Task after = TestTasks.pendingTask(Instant.now());
            registerOnceRedisAnswers(after);

            assertThat(changesOnceReadable(subscription, 1))
                    .extracting(TaskChange::taskId)
                    .containsExactly(after.id());
        }
    }

    @Test
    void afterARedisRestart_theSubscriptionReceivesEveryChangeWrittenSince_inOrder() throws Exception {
        try (FeedSubscription subscription =
                repository.changeFeed().subscribe(TaskChangeFilter.all(), Optional.empty())) {
            Task before = TestTasks.pendingTask(Instant.now());
            repository.register(before);
            assertThat(nextChange(subscription).taskId()).isEqualTo(before.id());

            redis.server().stop();
            redis.server().startAgain();
            List<Task> since = Stream.generate(() -> TestTasks.pendingTask(Instant.now()))
                    .limit(5)
                    .toList();
            since.forEach(this::registerOnceRedisAnswers);

            assertThat(changesOnceReadable(subscription, since.size()))
                    .extracting(TaskChange::taskId)
                    .containsExactlyElementsOf(since.stream().map(Task::id).toList());
        }
    }

    /** The restarted server may refuse the first call of a pooled connection that died with the old one. */
    private void registerOnceRedisAnswers(Task task) {
        await().atMost(FeedReading.PATIENCE)
                .ignoreExceptionsInstanceOf(TaskStoreUnavailable.class)
                .until(() -> {
                    repository.register(task);
                    return true;
                });
    }

    /** The next changes, read while the reader reconnects (until then, next() reports the outage). */
    private static List<TaskChange> changesOnceReadable(FeedSubscription subscription, int count) {
        List<TaskChange> changes = new ArrayList<>();
        await().atMost(FeedReading.PATIENCE)
                .ignoreExceptionsInstanceOf(TaskStoreUnavailable.class)
                .until(() -> {
                    Optional<FeedEvent> event = subscription.next(Duration.ofMillis(200));
                    event.ifPresent(change -> changes.add((TaskChange) change));
                    return changes.size() >= count;
                });
        return changes;
    }
}
