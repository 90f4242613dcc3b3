package dev.taskregistry.adapters.rest.error;

import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Anything unforeseen: 500 with an incident id that is also in the log, never a stack trace in the body. */
@Provider
@Dependent
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable error) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "unexpected error, incident " + incident, error);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal-error",
                "unexpected error; incident " + incident, RequestPath.of(uriInfo), null).toResponse().build();
    }
}
