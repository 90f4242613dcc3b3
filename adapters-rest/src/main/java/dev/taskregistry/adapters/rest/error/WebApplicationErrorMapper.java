package dev.taskregistry.adapters.rest.error;

import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;
import java.util.TreeSet;

/** Errors Jakarta REST raises itself (unknown path, wrong method, wrong media type, body too large) as problem+json. */
@Provider
@Dependent
public class WebApplicationErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(WebApplicationException error) {
        Response original = error.getResponse();
        Response.StatusType status = original.getStatusInfo();
        Response.ResponseBuilder response = Problem.of(
                        status,
                        slugOf(status.getStatusCode()),
                        detailOf(error, status),
                        RequestPath.of(uriInfo),
                        fieldOf(status.getStatusCode()))
                .toResponse();
        original.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase(HttpHeaders.ALLOW)) {
                values.forEach(value -> response.header(name, value));
            }
        });
        if (!original.getAllowedMethods().isEmpty()) {
            response.allow(withHead(original.getAllowedMethods()));
        }
        return response.build();
    }

    /** Every path that answers GET answers HEAD too (Jakarta REST derives it), so it is allowed as well. */
    private static Set<String> withHead(Set<String> allowed) {
        Set<String> methods = new TreeSet<>(allowed);
        if (methods.contains(HttpMethod.GET)) {
            methods.add(HttpMethod.HEAD);
        }
        return methods;
    }

    private static String fieldOf(int status) {
        return switch (status) {
            case 404 -> "path";
            case 405 -> "method";
            case 406 -> "Accept";
            case 413 -> "body";
            case 415 -> "Content-Type";
            default -> null;
        };
    }

    private static String detailOf(WebApplicationException error, Response.StatusType status) {
        return switch (status.getStatusCode()) {
            case 404 -> "no resource at this path";
            case 405 -> "this method is not allowed here";
            case 406 -> "the service answers only application/json";
            case 413 -> error.getMessage();
            case 415 -> "the body must be sent as application/json";
            default -> status.getReasonPhrase();
        };
    }

    private static String slugOf(int status) {
        return switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
    }
}
