package dev.taskregistry.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts of live tasks: in total, by type and by status. Only non-zero counts are listed. */
public record TaskStats(long total, Map<TaskType, Long> byType, Map<TaskStatus, Long> byStatus) {

    public TaskStats {
        byType = Map.copyOf(withoutZeros(byType));
        byStatus = Map.copyOf(withoutZeros(byStatus));
    }

    private static <K> Map<K, Long> withoutZeros(Map<K, Long> counts) {
        Map<K, Long> nonZero = new HashMap<>();
        counts.forEach((key, count) -> {
            if (count != null && count > 0) {
                nonZero.put(key, count);
            }
        });
        return nonZero;
    }

    /** Types in alphabetical order, for stable output. */
    public Map<String, Long> byTypeName() {
        Map<String, Long> sorted = new TreeMap<>();
        byType.forEach((type, count) -> sorted.put(type.value(), count));
        return sorted;
    }
}
