package dev.taskregistry.adapters.rest.error;

import com.fasterxml.jackson.core.JsonParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A body that is not valid JSON: 400 naming the field. Mapped for exactly this
 * type with top priority, so it wins over the text/plain mapper Jersey's Jackson feature registers.
 */
@Provider
@Dependent
@Priority(1)
public class JsonSyntaxErrorMapper implements ExceptionMapper<JsonParseException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(JsonParseException error) {
        return JsonInputProblem.of(error, uriInfo);
    }
}
