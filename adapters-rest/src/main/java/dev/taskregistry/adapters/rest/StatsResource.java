package dev.taskregistry.adapters.rest;

import dev.taskregistry.adapters.rest.model.StatsResponse;
import dev.taskregistry.application.TaskUseCases;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Counts of live tasks. */
// OpenAPI: each ref names a response of bootstrap's META-INF/openapi.yml.
@Tag(name = "stats")
@Path("/stats")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final TaskUseCases useCases;

    @Inject
    public StatsResource(TaskUseCases useCases) {
        this.useCases = useCases;
    }

    @APIResponse(
            responseCode = "200",
            description = "The counts",
            content = @Content(schema = @Schema(implementation = StatsResponse.class)))
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "406", ref = "NotAcceptable")
    @APIResponse(responseCode = "413", ref = "PayloadTooLarge")
    @APIResponse(responseCode = "500", ref = "InternalError")
    @APIResponse(responseCode = "503", ref = "StoreUnavailable")
    @GET
    @Operation(summary = "Statistics of live tasks", description = "Total, by type and by status (non-zero counts)")
    public StatsResponse stats() {
        return StatsResponse.of(useCases.getTaskStats().stats());
    }
}
