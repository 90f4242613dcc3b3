package dev.taskregistry.adapters.rest.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.taskregistry.domain.TaskStats;
import dev.taskregistry.domain.TaskStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;

/** Counts of live tasks; like the original, only non-zero counts are listed. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(
        name = "Stats",
        description = "Counts of live tasks; expired tasks never count",
        additionalProperties = Schema.False.class)
public record StatsResponse(
        @Schema(required = true, minimum = "0") long totalTasks,

        @Schema(required = true, description = "Live tasks per type; only types with live tasks appear")
        Map<String, Long> tasksByType,

        @Schema(
                required = true,
                description = "Live tasks per status; only non-zero counts appear",
                additionalProperties = Schema.False.class,
                properties = {
                    @SchemaProperty(name = "pending", type = SchemaType.INTEGER, format = "int64", minimum = "1"),
                    @SchemaProperty(name = "running", type = SchemaType.INTEGER, format = "int64", minimum = "1"),
                    @SchemaProperty(name = "completed", type = SchemaType.INTEGER, format = "int64", minimum = "1"),
                    @SchemaProperty(name = "failed", type = SchemaType.INTEGER, format = "int64", minimum = "1"),
                    @SchemaProperty(name = "cancelled", type = SchemaType.INTEGER, format = "int64", minimum = "1")
                })
        Map<String, Long> tasksByStatus) {

    public static StatsResponse of(TaskStats stats) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (TaskStatus status : TaskStatus.values()) {
            Long count = stats.byStatus().get(status);
            if (count != null) {
                byStatus.put(WireNames.statusName(status), count);
            }
        }
        return new StatsResponse(stats.total(), stats.byTypeName(), byStatus);
    }
}
