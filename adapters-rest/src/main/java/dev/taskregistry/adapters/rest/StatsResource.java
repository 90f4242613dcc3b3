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

/** Counts of live tasks. */
@Path("/stats")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private final TaskUseCases useCases;

    @Inject
    public StatsResource(TaskUseCases useCases) {
        this.useCases = useCases;
    }

    @GET
    @Operation(summary = "Statistics of live tasks", description = "Total, by type and by status (non-zero counts)")
    public StatsResponse stats() {
        return StatsResponse.of(useCases.getTaskStats().stats());
    }
}
