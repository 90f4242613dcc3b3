package dev.taskregistry.adapters.rest.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/**
 * An RFC 9457 problem detail. {@code field} (an extension member) names the input that was wrong,
 * when one was.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance", "field"})
public record Problem(URI type, String title, int status, String detail, URI instance, String field) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://taskregistry.dev/problems/";

    public static Problem of(Response.StatusType status, String slug, String detail, URI instance, String field) {
        return new Problem(
                URI.create(TYPE_BASE + slug),
                status.getReasonPhrase(),
                status.getStatusCode(),
                detail,
                instance,
                field);
    }

    /** A value the client sent is not valid: 400 naming it ({@code field}, and first in {@code detail}). */
    public static Problem invalidField(String field, String detail, URI instance) {
        return of(Response.Status.BAD_REQUEST, "invalid-field", detail, instance, field);
    }

    public Response.ResponseBuilder toResponse() {
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this);
    }
}
