package dev.taskregistry.adapters.rest.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.taskregistry.domain.PageCursor;
import dev.taskregistry.domain.PageRequest;
import dev.taskregistry.domain.TaskPage;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of tasks and the cursor of the next page (null on the last page). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "TaskPage", description = "Live tasks, latest expiry first", additionalProperties = Schema.False.class)
public record TaskPageResponse(
        @Schema(required = true, maxItems = PageRequest.MAX_LIMIT, description = "At most limit tasks")
        List<TaskResponse> items,

        @Schema(
                required = true,
                nullable = true,
                description = "Pass it back as cursor for the next page; null on the last page")
        String nextCursor) {

    /** The page, its next cursor written as text by {@code tokens}. */
    public static TaskPageResponse of(TaskPage page, Function<PageCursor, String> tokens) {
        return new TaskPageResponse(
                page.items().stream().map(TaskResponse::of).toList(),
                page.next().map(tokens).orElse(null));
    }
}
