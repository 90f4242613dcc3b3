package dev.taskregistry.domain.testing;

import dev.taskregistry.domain.ConcurrentTaskUpdate;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskAlreadyExists;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskNotFound;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A {@link TaskRepository} for tests of the code above the port (the use cases): one map behind one lock,
 * every listing a full scan. Obviously right rather than fast; it passes {@link TaskRepositoryContract}, so
 * tests of the application need no adapter and the module arrows keep pointing inward.
 */
public final class FakeTaskRepository implements TaskRepository {

    private final Clock clock;
    private final Map<TaskId, Task> tasks = new HashMap<>();

    /** Expires tasks by this clock, e.g. a {@link MutableClock} the test moves. */
    public FakeTaskRepository(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void register(Task task) {
        if (find(task.id()).isPresent()) {
            throw new TaskAlreadyExists(task.id());
        }
        tasks.put(task.id(), task);
    }

    @Override
    public synchronized Optional<Task> find(TaskId id) {
        return Optional.ofNullable(tasks.get(id)).filter(task -> !task.isExpiredAt(clock.instant()));
    }

    @Override
    public synchronized void update(Task task) {
        Task stored = find(task.id()).orElseThrow(() -> new TaskNotFound(task.id()));
        if (stored.version() != task.version() - 1) {
            throw new ConcurrentTaskUpdate(task.id());
        }
        tasks.put(task.id(), task);
    }

    @Override
    public synchronized boolean delete(TaskId id) {
        return find(id).isPresent() && tasks.remove(id) != null;
    }

    @Override
    public synchronized TaskPage list(TaskFilter filter, PageRequest page) {
        List<Task> matching = live().stream()
                .filter(filter::matches)
                .filter(task -> page.cursor()
                        .map(cursor -> task.listingKey().compareTo(cursor.after()) > 0)
                        .orElse(true))
                .sorted((a, b) -> a.listingKey().compareTo(b.listingKey()))
                .limit(page.limit() + 1L)
                .toList();
        return TaskPage.of(matching, page.limit());
    }

    @Override
    public synchronized TaskStats stats() {
        List<Task> live = live();
        Map<TaskType, Long> byType = live.stream().collect(Collectors.groupingBy(Task::type, Collectors.counting()));
        Map<TaskStatus, Long> byStatus =
                live.stream().collect(Collectors.groupingBy(Task::status, Collectors.counting()));
        return new TaskStats(live.size(), byType, byStatus);
    }

    private List<Task> live() {
        return tasks.values().stream()
                .filter(task -> !task.isExpiredAt(clock.instant()))
                .toList();
    }
}
