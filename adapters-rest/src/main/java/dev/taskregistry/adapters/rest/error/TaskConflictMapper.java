package dev.taskregistry.adapters.rest.error;

import dev.taskregistry.domain.ConcurrentTaskUpdate;
import dev.taskregistry.domain.IllegalTaskTransition;
import dev.taskregistry.domain.TaskAlreadyExists;
import dev.taskregistry.domain.TaskConflict;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The change contradicts the task's state (id taken, illegal transition, lost every retry): 409. */
@Provider
@Dependent
public class TaskConflictMapper implements ExceptionMapper<TaskConflict> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(TaskConflict error) {
        String slug = switch (error) {
            case TaskAlreadyExists exists -> "task-already-exists";
            case IllegalTaskTransition transition -> "illegal-transition";
            case ConcurrentTaskUpdate contention -> "concurrent-update";
        };
        return Problem.of(Response.Status.CONFLICT, slug, error.getMessage(), RequestPath.of(uriInfo), null)
                .toResponse().build();
    }
}
