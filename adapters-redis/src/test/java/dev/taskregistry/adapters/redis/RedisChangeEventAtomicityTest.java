package dev.taskregistry.adapters.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskregistry.domain.ConcurrentTaskUpdate;
import dev.taskregistry.domain.FeedPosition;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskChange;
import dev.taskregistry.domain.TaskChangeFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.testing.ConcurrentWriters;
import dev.taskregistry.domain.testing.FeedReading;
import dev.taskregistry.domain.testing.TestTasks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A stored change and its event are one script: with writers racing on the same tasks (most of their updates
 * lose on the version check), every version a task went through has exactly one event, a lost race none, and
 * the last event of each task carries the document Redis holds.
 */
class RedisChangeEventAtomicityTest {

    private static final int WRITERS = 6;
    private static final int TASKS = 3;
    private static final int ATTEMPTS_PER_WRITER = 60;

    @RegisterExtension
    final SharedRedisNamespace namespace = new SharedRedisNamespace();

    private final RedisTaskRepository repository = namespace.openRepository();

    @Test
    void underConcurrentWriters_everyStoredVersionHasExactlyOneEvent() throws Exception {
        FeedPosition start = repository.changeFeed().head();
        List<Task> tasks = LongStream.range(0, TASKS)
                .mapToObj(i -> TestTasks.pendingTask(Instant.now()))
                .toList();
        tasks.forEach(repository::register);

        List<Long> stored = ConcurrentWriters.runTogether(WRITERS, writer -> () -> updateRacing(tasks, writer));

        List<TaskChange> events = FeedReading.replayAll(repository.changeFeed(), start, TaskChangeFilter.all());
        Map<TaskId, List<Long>> versions = events.stream()
                .collect(Collectors.groupingBy(
                        TaskChange::taskId,
                        Collectors.mapping(change -> change.version().getAsLong(), Collectors.toList())));
        assertThat(events)
                .hasSize(TASKS + stored.stream().mapToInt(Long::intValue).sum());
        for (Task task : tasks) {
            Task now = repository.find(task.id()).orElseThrow();
            assertThat(versions.get(task.id()))
                    .as("the versions of %s", task.id())
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(1, now.version()).boxed().toList());
            assertThat(events.stream()
                            .filter(change -> change.taskId().equals(task.id()))
                            .toList()
                            .getLast()
                            .task())
                    .contains(now);
        }
    }

    /** Read and write each task in turn; a lost race is not repeated. Answers how many updates were stored. */
    private long updateRacing(List<Task> tasks, int writer) {
        long stored = 0;
        for (int attempt = 0; attempt < ATTEMPTS_PER_WRITER; attempt++) {
            Task current =
                    repository.find(tasks.get((writer + attempt) % TASKS).id()).orElseThrow();
            try {
                repository.update(current.withTtl(Duration.ofMinutes(10 + attempt), Instant.now()));
                stored++;
            } catch (ConcurrentTaskUpdate lostRace) {
                // Expected often: the race is the point; it must leave no event.
            }
        }
        return stored;
    }
}
