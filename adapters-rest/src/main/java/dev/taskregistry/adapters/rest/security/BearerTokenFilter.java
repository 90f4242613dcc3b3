package dev.taskregistry.adapters.rest.security;

import dev.taskregistry.adapters.rest.error.Problem;
import dev.taskregistry.adapters.rest.error.RequestPath;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * Rejects every request under {@code /tasks}, {@code /events} and {@code /stats} without the configured token: 401. It runs
 * before matching, so no method (OPTIONS, a wrong one answered 405, one on an unknown sub-path) gets past it.
 */
@Provider
@Dependent
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class BearerTokenFilter implements ContainerRequestFilter {

    /** First path segments of the protected resources. */
    static final Set<String> PROTECTED_ROOTS = Set.of("tasks", "events", "stats");

    private static final String SCHEME = "Bearer ";

    private final ApiToken token;

    @Inject
    public BearerTokenFilter(ApiToken token) {
        this.token = token;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!token.isRequired() || !isProtected(RequestPath.relative(request.getUriInfo()))) {
            return;
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length());
        if (!bearer || !token.matches(authorization.substring(SCHEME.length()).strip())) {
            String detail = authorization == null
                    ? "this endpoint needs 'Authorization: Bearer <token>'"
                    : bearer ? "the bearer token is not valid" : "the Authorization header must use the Bearer scheme";
            request.abortWith(Problem.of(
                            Response.Status.UNAUTHORIZED,
                            "unauthorized",
                            detail,
                            RequestPath.of(request.getUriInfo()),
                            "Authorization")
                    .toResponse()
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"task-registry\"")
                    .build());
        }
    }

    private static boolean isProtected(String path) {
        int slash = path.indexOf('/');
        return PROTECTED_ROOTS.contains(slash < 0 ? path : path.substring(0, slash));
    }
}
