package dev.taskregistry.adapters.rest.error;

import dev.taskregistry.application.TaskVersionMismatch;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** {@code If-Match} named a version that is no longer current: 412. */
@Provider
@Dependent
public class TaskVersionMismatchMapper implements ExceptionMapper<TaskVersionMismatch> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(TaskVersionMismatch error) {
        return Problem.of(Response.Status.PRECONDITION_FAILED, "version-mismatch", error.getMessage(),
                RequestPath.of(uriInfo), "If-Match").toResponse().build();
    }
}
