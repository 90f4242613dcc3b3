package dev.taskregistry.adapters.rest.error;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/** The {@code instance} of a problem: the path of the request that failed, without host or query. */
final class RequestPath {

    private RequestPath() {
    }

    static URI of(UriInfo uriInfo) {
        return uriInfo == null ? null : URI.create("/" + uriInfo.getPath(false).replaceFirst("^/", ""));
    }
}
