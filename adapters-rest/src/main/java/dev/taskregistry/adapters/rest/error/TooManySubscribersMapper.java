package dev.taskregistry.adapters.rest.error;

import dev.taskregistry.application.feed.TooManySubscribers;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A worker that serves its maximum of streams and waiting polls: 503 with Retry-After, another may have room. */
@Provider
@Dependent
public class TooManySubscribersMapper implements ExceptionMapper<TooManySubscribers> {

    private static final String RETRY_AFTER_SECONDS = "5";

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(TooManySubscribers error) {
        return Problem.of(
                        Response.Status.SERVICE_UNAVAILABLE,
                        "too-many-subscribers",
                        error.getMessage(),
                        RequestPath.of(uriInfo),
                        null)
                .toResponse()
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .build();
    }
}
