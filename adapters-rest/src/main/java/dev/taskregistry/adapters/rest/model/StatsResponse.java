package dev.taskregistry.adapters.rest.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counts of live tasks; like the original, only non-zero counts are listed. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StatsResponse(long totalTasks, Map<String, Long> tasksByType, Map<String, Long> tasksByStatus) {

    public static StatsResponse of(TaskStats stats) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (TaskStatus status : TaskStatus.values()) {
            Long count = stats.byStatus().get(status);
            if (count != null) {
                byStatus.put(status.wireName(), count);
            }
        }
        return new StatsResponse(stats.total(), stats.byTypeName(), byStatus);
    }
}
