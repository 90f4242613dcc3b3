package dev.taskregistry.adapters.rest.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A failure of the service itself: logged once with its trace and an incident id, answered 500 with only the id. */
final class ServerError {

    private static final Logger LOG = Logger.getLogger(ServerError.class.getName());

    private ServerError() {}

    static Response logged(Throwable error, UriInfo uriInfo) {
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "unexpected error, incident " + incident, error);
        return Problem.of(
                        Response.Status.INTERNAL_SERVER_ERROR,
                        "internal-error",
                        "unexpected error; incident " + incident,
                        RequestPath.of(uriInfo),
                        null)
                .toResponse()
                .build();
    }
}
