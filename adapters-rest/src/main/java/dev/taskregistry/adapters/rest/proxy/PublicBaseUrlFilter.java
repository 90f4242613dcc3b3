package dev.taskregistry.adapters.rest.proxy;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;

/**
 * Presents each request under the base URL that the {@link ForwardingPolicy} chooses, before it is
 * matched, so every URL built from {@code UriInfo} (such as {@code Location}) is one the client can use.
 */
@Provider
@Dependent
@PreMatching
@Priority(Priorities.HEADER_DECORATOR)
public class PublicBaseUrlFilter implements ContainerRequestFilter {

    /** Helidon's request property holding the TCP peer's address (the client's, or the last proxy's). */
    static final String PEER_ADDRESS_PROPERTY = "io.helidon.jaxrs.remote-host";

    private final ForwardingPolicy policy;

    @Inject
    public PublicBaseUrlFilter(ForwardingPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (policy.keepsRequestUrls()) {
            return;
        }
        UriInfo uri = request.getUriInfo();
        URI requestBase = uri.getBaseUri();
        URI base = policy.baseUrl(requestBase, forwardedBy(request));
        if (!base.equals(requestBase)) {
            request.setRequestUri(base, base.resolve(requestBase.relativize(uri.getRequestUri())));
        }
    }

    private ForwardedHeaders forwardedBy(ContainerRequestContext request) {
        Object peer = request.getProperty(PEER_ADDRESS_PROPERTY);
        if (!(peer instanceof String address) || !policy.trusts(address)) {
            return ForwardedHeaders.none();
        }
        MultivaluedMap<String, String> headers = request.getHeaders();
        return ForwardedHeaders.read(
                headers.get(ForwardedHeaders.FORWARDED),
                headers.get(ForwardedHeaders.X_FORWARDED_PROTO),
                headers.get(ForwardedHeaders.X_FORWARDED_HOST));
    }
}
