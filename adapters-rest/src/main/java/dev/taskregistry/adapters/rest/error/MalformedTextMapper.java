package dev.taskregistry.adapters.rest.error;

import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.CharacterCodingException;

/** A body whose bytes are not UTF-8: 400 naming the body, never replaced by U+FFFD and stored. */
@Provider
@Dependent
public class MalformedTextMapper implements ExceptionMapper<CharacterCodingException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(CharacterCodingException error) {
        return Problem.of(
                        Response.Status.BAD_REQUEST,
                        "invalid-json",
                        "the body is not valid UTF-8 text",
                        RequestPath.of(uriInfo),
                        "body")
                .toResponse()
                .build();
    }
}
