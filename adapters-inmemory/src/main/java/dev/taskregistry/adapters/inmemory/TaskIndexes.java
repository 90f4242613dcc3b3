package dev.taskregistry.adapters.inmemory;

import dev.taskregistry.domain.ListingKey;
import dev.taskregistry.domain.Task;
import dev.taskregistry.domain.TaskFilter;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskStatus;
import dev.taskregistry.domain.TaskType;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Sorted indexes of the stored tasks, in listing order: all tasks, by status and by type. Their sizes
 * are the statistics, and the last entry of {@code all} is always the next task to expire. Not
 * thread-safe: the repository guards it.
 */
final class TaskIndexes {

    private final NavigableSet<ListingKey> all = new TreeSet<>();
    private final Map<TaskStatus, NavigableSet<ListingKey>> byStatus = new EnumMap<>(TaskStatus.class);
    private final Map<TaskType, NavigableSet<ListingKey>> byType = new HashMap<>();

    void add(Task task) {
        ListingKey key = task.listingKey();
        all.add(key);
        byStatus.computeIfAbsent(task.status(), status -> new TreeSet<>()).add(key);
        byType.computeIfAbsent(task.type(), type -> new TreeSet<>()).add(key);
    }

    void remove(Task task) {
        ListingKey key = task.listingKey();
        all.remove(key);
        removeFrom(byStatus, task.status(), key);
        removeFrom(byType, task.type(), key);
    }

    /** The entry that expires first, or null when there is none. */
    ListingKey nextToExpire() {
        return all.isEmpty() ? null : all.last();
    }

    /** The smallest index that holds every task the filter can match. */
    NavigableSet<ListingKey> candidatesFor(TaskFilter filter) {
        if (filter.status().isPresent()) {
            return byStatus.getOrDefault(filter.status().get(), new TreeSet<>());
        }
        if (filter.type().isPresent()) {
            return byType.getOrDefault(filter.type().get(), new TreeSet<>());
        }
        return all;
    }

    TaskStats stats() {
        Map<TaskType, Long> types = new HashMap<>();
        byType.forEach((type, keys) -> types.put(type, (long) keys.size()));
        Map<TaskStatus, Long> statuses = new EnumMap<>(TaskStatus.class);
        byStatus.forEach((status, keys) -> statuses.put(status, (long) keys.size()));
        return new TaskStats(all.size(), types, statuses);
    }

    private static <K> void removeFrom(Map<K, NavigableSet<ListingKey>> index, K group, ListingKey key) {
        NavigableSet<ListingKey> keys = index.get(group);
        if (keys != null) {
            keys.remove(key);
            if (keys.isEmpty()) {
                index.remove(group);
            }
        }
    }
}
