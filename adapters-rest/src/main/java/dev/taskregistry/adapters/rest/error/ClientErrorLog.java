package dev.taskregistry.adapters.rest.error;

import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One FINE line per client error (4xx), and nothing at all at the default level: polling unknown ids is
 * this service's everyday traffic and must not fill the disk. The line quotes client text; the log
 * formatter escapes its control characters.
 */
@Provider
@Dependent
public class ClientErrorLog implements ContainerResponseFilter {

    private static final Logger LOG = Logger.getLogger(ClientErrorLog.class.getName());

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status >= 400 && status < 500 && LOG.isLoggable(Level.FINE)) {
            String detail = response.getEntity() instanceof Problem problem ? problem.detail() : "";
            LOG.fine(() -> "client error " + status + " " + request.getMethod() + " /"
                    + RequestPath.relative(request.getUriInfo()) + ": " + detail);
        }
    }
}
