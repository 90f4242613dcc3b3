package dev.taskregistry.adapters.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskregistry.domain.FeedGap;
import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskChangeFeed;
import dev.taskregistry.domain.TaskChangeFilter;
import dev.taskregistry.domain.TaskChangeKind;
import dev.taskregistry.domain.testing.FeedReading;
import dev.taskregistry.domain.testing.MutableClock;
import dev.taskregistry.domain.testing.TestTasks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the in-memory feed promises beyond the contract: its default retention, its positions, its expiry events. */
class InMemoryChangeLogTest {

    private final MutableClock clock = MutableClock.startingAt("2026-11-30T10:00:00Z");
    private final InMemoryTaskRepository repository = new InMemoryTaskRepository(clock);
    private final TaskChangeFeed feed = repository.changeFeed();

    @Test
    void byDefault_theLast10000ChangesAreRetained() {
        FeedPosition beforeFirst = feed.head();
        repository.register(TestTasks.pendingTask(clock.instant()));
        FeedPosition afterFirst = feed.head();
        for (int i = 0; i < InMemoryTaskRepository.DEFAULT_RETAINED_CHANGES; i++) {
            repository.register(TestTasks.pendingTask(clock.instant()));
        }

        assertThat(feed.replay(beforeFirst, TaskChangeFilter.all(), 1)).isInstanceOf(FeedGap.class);
        assertThat(FeedReading.replayAll(feed, afterFirst, TaskChangeFilter.all()))
                .hasSize(InMemoryTaskRepository.DEFAULT_RETAINED_CHANGES);
    }

    @Test
    void aPositionOfAnotherRepositorysFeed_isAGap_neverTakenForOneOfThisFeed() {
        InMemoryTaskRepository otherWorker = new InMemoryTaskRepository(clock);
        otherWorker.register(TestTasks.pendingTask(clock.instant()));
        repository.register(TestTasks.pendingTask(clock.instant()));
        repository.register(TestTasks.pendingTask(clock.instant()));

        FeedPosition theirs = otherWorker.changeFeed().head();

        assertThat(feed.replay(theirs, TaskChangeFilter.all(), 10)).isInstanceOf(FeedGap.class);
    }

    @Test
    void anExpiry_carriesTheLastVersion_andIsNoticedByAnyWrite() {
        FeedPosition start = feed.head();
        Task task = TestTasks.pendingTask(clock.instant(), TestTasks.DEFAULT_TYPE, Duration.ofSeconds(30));
        repository.register(task);
        repository.update(task.start(clock.instant()));
        clock.advance(Duration.ofSeconds(31));

        repository.register(TestTasks.pendingTask(clock.instant()));

        List<TaskChange> changes = FeedReading.replayAll(feed, start, TaskChangeFilter.ofTask(task.id()));
        assertThat(changes)
                .extracting(TaskChange::kind)
                .containsExactly(TaskChangeKind.REGISTERED, TaskChangeKind.UPDATED, TaskChangeKind.EXPIRED);
        assertThat(changes.getLast().version()).hasValue(2);
    }

    @Test
    void aRetentionBelowOne_isRefused() {
        assertThatThrownBy(() -> new InMemoryTaskRepository(clock, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
