package dev.taskregistry.adapters.rest.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.taskregistry.domain.ProgressReport;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /tasks/{id}/progress}: at least one of the three fields. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(
        name = "ProgressReport",
        minProperties = 1,
        additionalProperties = Schema.False.class,
        description = "At least one field; with total_steps known, progress must equal completed_steps / total_steps")
public record ReportProgressRequest(
        @Schema(minimum = "0", description = "At most total_steps")
        Integer completedSteps,

        @Schema(minimum = "1") Integer totalSteps,
        @Schema(minimum = "0", maximum = "1") Double progress) {

    public ProgressReport toReport() {
        return new ProgressReport(completedSteps, totalSteps, progress);
    }
}
