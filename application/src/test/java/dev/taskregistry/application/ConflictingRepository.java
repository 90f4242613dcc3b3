package dev.taskregistry.application;

import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskId;
import dev.taskregistry.domain.TaskPage;
import dev.taskregistry.domain.TaskRepository;
import dev.taskregistry.domain.TaskStats;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real repository behind which another writer wins the next {@code n} updates: before each of them,
 * it stores a change of its own, so the caller's write arrives with a stale version.
 */
final class ConflictingRepository implements TaskRepository {

    private final TaskRepository delegate;
    private final AtomicInteger racesToLose = new AtomicInteger();
    private final AtomicInteger updateCalls = new AtomicInteger();

    ConflictingRepository(TaskRepository delegate) {
        this.delegate = delegate;
    }

    void loseNextRaces(int count) {
        racesToLose.set(count);
    }

    int updateCalls() {
        return updateCalls.get();
    }

    @Override
    public void update(Task task) {
        updateCalls.incrementAndGet();
        if (racesToLose.getAndDecrement() > 0) {
            Task current = delegate.find(task.id()).orElseThrow();
            delegate.update(current.withTtl(Duration.ofMinutes(5), current.updatedAt()));
        }
        delegate.update(task);
    }

    @Override
    public void register(Task task) {
        delegate.register(task);
    }

    @Override
    public Optional<Task> find(TaskId id) {
        return delegate.find(id);
    }

    @Override
    public boolean delete(TaskId id) {
        return delegate.delete(id);
    }

    @Override
    public TaskPage list(TaskFilter filter, PageRequest page) {
        return delegate.list(filter, page);
    }

    @Override
    public TaskStats stats() {
        return delegate.stats();
    }
}
