package dev.taskregistry.adapters.rest.error;

import dev.taskregistry.domain.TaskStoreUnavailable;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The store is down: 503 with {@code Retry-After}, never "not found". */
@Provider
@Dependent
public class TaskStoreUnavailableMapper implements ExceptionMapper<TaskStoreUnavailable> {

    static final String RETRY_AFTER_SECONDS = "2";
    private static final Logger LOG = Logger.getLogger(TaskStoreUnavailableMapper.class.getName());

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(TaskStoreUnavailable error) {
        LOG.log(Level.WARNING, "task store unavailable: {0}", error.getMessage());
        return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "store-unavailable",
                        "the task store cannot be reached; retry later", RequestPath.of(uriInfo), null)
                .toResponse().header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }
}
