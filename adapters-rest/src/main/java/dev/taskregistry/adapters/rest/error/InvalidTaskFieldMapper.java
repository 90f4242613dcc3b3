package dev.taskregistry.adapters.rest.error;

import dev.taskregistry.domain.InvalidTaskField;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A value broke a domain rule: 400, naming the field. */
@Provider
@Dependent
public class InvalidTaskFieldMapper implements ExceptionMapper<InvalidTaskField> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(InvalidTaskField error) {
        return Problem.of(Response.Status.BAD_REQUEST, "invalid-field", error.getMessage(), RequestPath.of(uriInfo),
                error.field()).toResponse().build();
    }
}
