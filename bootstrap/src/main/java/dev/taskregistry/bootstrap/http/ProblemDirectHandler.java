package dev.taskregistry.bootstrap.http;

import dev.taskregistry.adapters.rest.error.Problem;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * Requests the HTTP server refuses before any routing (a malformed escape such as {@code /tasks/%ZZ}, a
 * request line or headers over the limits) get a problem+json body too, instead of an empty one. Helidon
 * hands over no detail it deems unsafe to echo, so the part at fault is named only where the path shows it.
 */
final class ProblemDirectHandler implements DirectHandler {

    @Override
    public TransportResponse handle(
            TransportRequest request,
            EventType eventType,
            Status status,
            ServerResponseHeaders headers,
            String message) {
        String path = request.path() == null ? "" : request.path();
        int query = path.indexOf('?');
        String field = query < 0
                ? PercentEncoding.malformedPart(path, "").orElse(null)
                : PercentEncoding.malformedPart(path.substring(0, query), path.substring(query + 1))
                        .orElse(null);
        byte[] body = ProblemBodies.of(status.code(), "http-" + status.code(), detail(status, field), null, field);
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .keepAlive(eventType.keepAlive())
                .entity(body)
                .build();
    }

    private static String detail(Status status, String field) {
        return switch (status.code()) {
            case 400 ->
                field != null
                        ? "'" + field + "' is not valid percent-encoded UTF-8 (a % must be followed by two hex digits)"
                        : "the request is not valid HTTP: a % in the path or query must be followed by two hex digits,"
                                + " and header values must be printable text";
            case 413 -> "the request is too large";
            case 414 -> "the request line is too long: ids are at most 128 characters";
            case 431 -> "the request headers are too large";
            default -> status.reasonPhrase();
        };
    }
}
