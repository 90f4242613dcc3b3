package dev.taskregistry.adapters.rest.error;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A body that is valid JSON of the wrong shape (unknown field, wrong type, fraction where a whole number belongs): 400 naming the field. Mapped for exactly this
 * type with top priority, so it wins over the text/plain mapper Jersey's Jackson feature registers.
 */
@Provider
@Dependent
@Priority(1)
public class JsonShapeErrorMapper implements ExceptionMapper<JsonMappingException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(JsonMappingException error) {
        return JsonInputProblem.of(error, uriInfo);
    }
}
