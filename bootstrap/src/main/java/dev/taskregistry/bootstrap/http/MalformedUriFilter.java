package dev.taskregistry.bootstrap.http;

import dev.taskregistry.adapters.rest.error.Problem;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.URI;
import java.util.Optional;

/**
 * Answers a request whose path or query holds percent-escaped bytes that are not UTF-8 ({@code ?status=%C3%28})
 * with a 400 problem naming the part, where Helidon would decode them to U+FFFD and go on. A malformed
 * escape ({@code %ZZ}) never gets here: the server rejects it first ({@link ProblemDirectHandler}).
 */
final class MalformedUriFilter implements Filter {

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String rawPath = request.prologue().uriPath().rawPath();
        Optional<String> malformed = PercentEncoding.malformedPart(
                rawPath, request.prologue().query().rawValue());
        if (malformed.isEmpty()) {
            chain.proceed();
            return;
        }
        String field = malformed.get();
        URI instance = field.equals("path") ? null : URI.create(rawPath);
        response.status(Status.BAD_REQUEST_400)
                .header(HeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .send(ProblemBodies.of(
                        400, "invalid-uri", "'" + field + "' is not valid percent-encoded UTF-8", instance, field));
    }
}
