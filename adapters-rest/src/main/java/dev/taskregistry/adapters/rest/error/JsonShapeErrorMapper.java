package dev.taskregistry.adapters.rest.error;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;

/**
 * A body that is valid JSON of the wrong shape (unknown field, wrong type, fraction where a whole number
 * belongs): 400 naming the field; a response that cannot be written: a logged 500. Mapped for exactly this
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
        return isWriteFailure(error) ? ServerError.logged(error, uriInfo) : JsonInputProblem.of(error, uriInfo);
    }

    /**
     * Jackson raises the same exception type when it fails to write a response, which is the service's fault:
     * it then names the generator as its source, or (a failing property) passes through Jackson's serializers.
     */
    private static boolean isWriteFailure(JsonMappingException error) {
        return error.getProcessor() instanceof JsonGenerator
                || Arrays.stream(error.getStackTrace())
                        .anyMatch(frame -> frame.getClassName().startsWith("com.fasterxml.jackson.databind.ser."));
    }
}
