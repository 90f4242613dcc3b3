package dev.taskregistry.adapters.rest.error;

import dev.taskregistry.domain.TaskNotFound;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** No live task has the id: 404. */
@Provider
@Dependent
public class TaskNotFoundMapper implements ExceptionMapper<TaskNotFound> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(TaskNotFound error) {
        return Problem.of(Response.Status.NOT_FOUND, "task-not-found", error.getMessage(), RequestPath.of(uriInfo), "id")
                .toResponse().build();
    }
}
