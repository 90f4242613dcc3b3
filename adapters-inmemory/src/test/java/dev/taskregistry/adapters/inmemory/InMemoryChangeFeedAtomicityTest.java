package dev.taskregistry.adapters.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.FeedSubscription;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskChangeFeed;
import dev.taskregistry.domain.TaskChangeFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.testing.ConcurrentWriters;
import dev.taskregistry.domain.testing.FeedReading;
import dev.taskregistry.domain.testing.MutableClock;
import dev.taskregistry.domain.testing.TestTasks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A change and its event are one step: whoever sees the event finds the change in the store, and whoever
 * finds a change in the store finds its event in the feed, while writers on other threads go on writing.
 */
class InMemoryChangeFeedAtomicityTest {

    private static final int WRITERS = 6;
    private static final int UPDATES_PER_WRITER = 100;

    private final MutableClock clock = MutableClock.startingAt("2026-11-30T10:00:00Z");
    private final InMemoryTaskRepository repository = new InMemoryTaskRepository(clock);
    private final TaskChangeFeed feed = repository.changeFeed();
    private final FeedPosition start = feed.head();
    private final List<Task> tasks = registerOnePerWriter();

    @Test
    void everyChangeASubscriberSees_isAlreadyInTheStore() throws Exception {
        int expected = WRITERS * UPDATES_PER_WRITER;
        try (FeedSubscription subscription = feed.subscribe(TaskChangeFilter.all(), Optional.empty())) {
            List<Long> behindTheFeed = ConcurrentWriters.runTogether(WRITERS + 1, writer -> () -> {
                if (writer < WRITERS) {
                    updateRepeatedly(tasks.get(writer));
                    return 0L;
                }
                return FeedReading.nextChanges(subscription, expected).stream()
                        .filter(change -> storedVersion(change.taskId())
                                < change.version().getAsLong())
                        .count();
            });

            assertThat(behindTheFeed.getLast())
                    .as("changes seen before the store held them")
                    .isZero();
        }
    }

    @Test
    void everyChangeAReaderFinds_isAlreadyInTheFeed() throws Exception {
        List<Long> missingFromTheFeed = ConcurrentWriters.runTogether(WRITERS + 1, writer -> () -> {
            if (writer < WRITERS) {
                updateRepeatedly(tasks.get(writer));
                return 0L;
            }
            long missing = 0;
            for (int read = 0; read < UPDATES_PER_WRITER; read++) {
                Task found = repository.find(tasks.get(read % WRITERS).id()).orElseThrow();
                missing += FeedReading.replayAll(feed, start, TaskChangeFilter.ofTask(found.id())).stream()
                                .anyMatch(change -> change.task().equals(Optional.of(found)))
                        ? 0
                        : 1;
            }
            return missing;
        });

        assertThat(missingFromTheFeed.getLast())
                .as("stored changes not yet in the feed")
                .isZero();
    }

    private List<Task> registerOnePerWriter() {
        List<Task> registered = Stream.generate(() -> TestTasks.pendingTask(clock.instant()))
                .limit(WRITERS)
                .toList();
        registered.forEach(repository::register);
        return registered;
    }

    private void updateRepeatedly(Task task) {
        Task current = task;
        for (int i = 0; i < UPDATES_PER_WRITER; i++) {
            current = current.withTtl(Duration.ofMinutes(10 + i), clock.instant());
            repository.update(current);
        }
    }

    private long storedVersion(TaskId id) {
        return repository.find(id).orElseThrow().version();
    }
}
