package dev.taskregistry.bootstrap.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskregistry.adapters.rest.JsonMapping;
import dev.taskregistry.adapters.rest.error.Problem;
import jakarta.ws.rs.core.Response;
import java.io.UncheckedIOException;
import java.net.URI;

/** problem+json bodies for answers that Helidon gives before Jakarta REST sees the request. */
final class ProblemBodies {

    private static final ObjectMapper JSON = JsonMapping.createMapper();

    private ProblemBodies() {}

    static byte[] of(int status, String slug, String detail, URI instance, String field) {
        Response.StatusType type = Response.Status.fromStatusCode(status) != null
                ? Response.Status.fromStatusCode(status)
                : new Reason(status);
        try {
            return JSON.writeValueAsBytes(Problem.of(type, slug, detail, instance, field));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A status Jakarta REST has no constant for (414, 431, 505). */
    private record Reason(int code) implements Response.StatusType {
        @Override
        public int getStatusCode() {
            return code;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.familyOf(code);
        }

        @Override
        public String getReasonPhrase() {
            return io.helidon.http.Status.create(code).reasonPhrase();
        }
    }
}
