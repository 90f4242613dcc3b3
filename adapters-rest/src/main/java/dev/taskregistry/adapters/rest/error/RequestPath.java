package dev.taskregistry.adapters.rest.error;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/** The {@code instance} of a problem: the path of the request that failed, without host or query. */
public final class RequestPath {

    private RequestPath() {}

    public static URI of(UriInfo uriInfo) {
        return uriInfo == null ? null : URI.create("/" + relative(uriInfo));
    }

    /** The path below the application's root, without a leading slash, still percent-encoded. */
    public static String relative(UriInfo uriInfo) {
        return uriInfo.getPath(false).replaceFirst("^/", "");
    }
}
