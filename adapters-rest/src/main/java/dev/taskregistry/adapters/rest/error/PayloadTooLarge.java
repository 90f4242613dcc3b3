package dev.taskregistry.adapters.rest.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** A request body passed the size limit. Also recognised when a JSON parser wraps it, mid-read. */
public final class PayloadTooLarge extends WebApplicationException {

    public PayloadTooLarge(long maxBytes) {
        super("the body must not exceed " + maxBytes + " bytes (1 MiB)", Response.Status.REQUEST_ENTITY_TOO_LARGE);
    }
}
