package dev.taskregistry.adapters.rest.proxy;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which base URL the API shows clients (in {@code Location}): the scheme and host that a trusted proxy
 * forwards, else the configured public base URL, else the URL of the request as it reached this
 * process ({@code Host} header, plain HTTP). Forwarded headers count only when the TCP peer is one of
 * the trusted proxies; anyone else could write them.
 */
public final class ForwardingPolicy {

    private final Optional<URI> publicBaseUrl;
    private final Set<InetAddress> trustedProxies;

    public ForwardingPolicy(Optional<URI> publicBaseUrl, Set<InetAddress> trustedProxies) {
        this.publicBaseUrl = publicBaseUrl;
        this.trustedProxies = Collections.unmodifiableSet(new LinkedHashSet<>(trustedProxies));
    }

    /** The default: no proxy trusted, no public base URL; the request's own URL is shown. */
    public static ForwardingPolicy none() {
        return new ForwardingPolicy(Optional.empty(), Set.of());
    }

    /**
     * Reads a public base URL: absolute {@code http} or {@code https} with a host, optionally a path, no
     * user, query or fragment; returned ending with {@code /}.
     */
    public static URI publicBaseUrl(String text) {
        String problem = "must be an absolute http or https URL such as https://tasks.example.com or"
                + " https://example.com/registry, without user, query or fragment; was '" + text + "'";
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(problem, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https"))
                || uri.getHost() == null
                || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(problem);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return URI.create(scheme + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path : path + "/"));
    }

    /** Reads a comma-separated list of IP addresses (IPv4 or IPv6); host names and ranges are refused. */
    public static Set<InetAddress> trustedProxies(String text) {
        Set<InetAddress> addresses = new LinkedHashSet<>();
        for (String entry : text.split(",")) {
            if (!entry.isBlank()) {
                addresses.add(IpAddresses.parse(entry)
                        .orElseThrow(() -> new IllegalArgumentException(
                                "must list IP addresses separated by commas, such as 10.0.0.5,10.0.0.6 (no host names or"
                                        + " ranges); '" + entry.strip() + "' is not one")));
            }
        }
        return addresses;
    }

    /** True when no request's URL is ever changed: nothing is configured. */
    boolean keepsRequestUrls() {
        return publicBaseUrl.isEmpty() && trustedProxies.isEmpty();
    }

    /** True when {@code peerAddress}, the TCP peer's IP address as text, is a trusted proxy. */
    boolean trusts(String peerAddress) {
        return peerAddress != null
                && IpAddresses.parse(peerAddress)
                        .filter(trustedProxies::contains)
                        .isPresent();
    }

    /**
     * The base URL to show for a request whose own base URL is {@code requestBaseUrl}; {@code forwarded}
     * holds what a trusted proxy forwarded (nothing for any other peer).
     */
    URI baseUrl(URI requestBaseUrl, ForwardedHeaders forwarded) {
        if (forwarded.isPresent()) {
            String scheme = forwarded.proto().orElse(requestBaseUrl.getScheme());
            String authority = forwarded.host().orElse(requestBaseUrl.getRawAuthority());
            return URI.create(scheme + "://" + authority + requestBaseUrl.getRawPath());
        }
        return publicBaseUrl.orElse(requestBaseUrl);
    }

    @Override
    public String toString() {
        return "ForwardingPolicy[publicBaseUrl="
                + publicBaseUrl.map(URI::toString).orElse("unset") + ", trustedProxies="
                + trustedProxies.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(",", "[", "]"))
                + "]";
    }
}
