package dev.taskregistry.adapters.rest.error;

import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A malformed body, header or cursor: 400 naming it, the same problem as a domain rule's. */
@Provider
@Dependent
public class InvalidInputMapper implements ExceptionMapper<InvalidInput> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(InvalidInput error) {
        return Problem.invalidField(error.field(), error.getMessage(), RequestPath.of(uriInfo))
                .toResponse()
                .build();
    }
}
