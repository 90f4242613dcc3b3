package dev.taskregistry.adapters.rest.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.taskregistry.domain.ProgressReport;

/** Body of {@code POST /tasks/{id}/progress}: at least one of the three fields. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReportProgressRequest(Integer completedSteps, Integer totalSteps, Double progress) {

    public ProgressReport toReport() {
        return new ProgressReport(completedSteps, totalSteps, progress);
    }
}
