package dev.taskregistry.adapters.rest.security;

import dev.taskregistry.adapters.rest.error.Problem;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.enterprise.context.Dependent;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/** Rejects requests to {@link BearerTokenRequired} resources without the configured token: 401. */
@Provider
@Dependent
@BearerTokenRequired
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    private static final String SCHEME = "Bearer ";

    private final ApiToken token;

    @Inject
    public BearerTokenFilter(ApiToken token) {
        this.token = token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!token.isRequired()) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
        if (!bearer || !token.matches(authorization.substring(SCHEME.length()).strip())) {
            String detail = authorization == null ? "this endpoint needs 'Authorization: Bearer <token>'"
                    : bearer ? "the bearer token is not valid" : "the Authorization header must use the Bearer scheme";
            URI instance = URI.create("/" + request.getUriInfo().getPath(false).replaceFirst("^/", ""));
            request.abortWith(Problem.of(Response.Status.UNAUTHORIZED, "unauthorized", detail, instance, "Authorization")
                    .toResponse().header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"task-registry\"").build());
        }
    }
}
