package dev.taskregistry.adapters.rest.proxy;

import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The scheme and authority a proxy says the client used, read from {@code Forwarded} (RFC 7239) or,
 * when that names neither, from {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}. Of a list of
 * hops only the last one counts: the one the proxy that connected to us added. These are client texts:
 * a proto other than {@code http} or {@code https}, or a host that is not a valid {@code host[:port]},
 * is ignored as if absent.
 */
record ForwardedHeaders(Optional<String> proto, Optional<String> host) {

    static final String FORWARDED = "Forwarded";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";

    private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern HOST_NAME = Pattern.compile(LABEL + "(\\." + LABEL + ")*\\.?");
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    private static final int MAX_HOST_LENGTH = 253;
    private static final int MAX_PORT = 65_535;

    /** Nothing forwarded. */
    static ForwardedHeaders none() {
        return new ForwardedHeaders(Optional.empty(), Optional.empty());
    }

    /** Reads the header values (each list holds every line of that header; null or empty when absent). */
    static ForwardedHeaders read(List<String> forwarded, List<String> forwardedProto, List<String> forwardedHost) {
        ForwardedHeaders standard = fromForwarded(forwarded);
        if (standard.isPresent()) {
            return standard;
        }
        return new ForwardedHeaders(
                lastValue(forwardedProto).flatMap(ForwardedHeaders::validProto),
                lastValue(forwardedHost).flatMap(ForwardedHeaders::validHost));
    }

    boolean isPresent() {
        return proto.isPresent() || host.isPresent();
    }

    private static ForwardedHeaders fromForwarded(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return none();
        }
        List<String> hops = split(String.join(",", lines), ',');
        if (hops.isEmpty()) {
            return none();
        }
        Optional<String> proto = Optional.empty();
        Optional<String> host = Optional.empty();
        for (String pair : split(hops.getLast(), ';')) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                return none();
            }
            String name = pair.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            Optional<String> value = unquoted(pair.substring(equals + 1).strip());
            if (value.isEmpty()) {
                return none();
            }
            switch (name) {
                case "proto" -> proto = value.flatMap(ForwardedHeaders::validProto);
                case "host" -> host = value.flatMap(ForwardedHeaders::validHost);
                default -> {}
            }
        }
        return new ForwardedHeaders(proto, host);
    }

    /** Splits at {@code separator} outside quoted strings; blank parts are dropped. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                addUnlessBlank(parts, part);
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        addUnlessBlank(parts, part);
        return parts;
    }

    private static void addUnlessBlank(List<String> parts, StringBuilder part) {
        if (!part.toString().isBlank()) {
            parts.add(part.toString().strip());
        }
    }

    /** A token as it is, a quoted string without its quotes and escapes; empty when malformed. */
    private static Optional<String> unquoted(String value) {
        if (!value.startsWith("\"")) {
            return value.isEmpty() || value.contains("\"") ? Optional.empty() : Optional.of(value);
        }
        if (value.length() < 2 || !value.endsWith("\"")) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            text.append(c == '\\' && i + 1 < value.length() - 1 ? value.charAt(++i) : c);
        }
        return Optional.of(text.toString());
    }

    private static Optional<String> lastValue(List<String> lines) {
        if (lines == null || lines.isEmpty()) {
            return Optional.empty();
        }
        List<String> values = split(String.join(",", lines), ',');
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getLast());
    }

    private static Optional<String> validProto(String proto) {
        String lower = proto.strip().toLowerCase(Locale.ROOT);
        return lower.equals("http") || lower.equals("https") ? Optional.of(lower) : Optional.empty();
    }

    /** {@code name[:port]}, {@code a.b.c.d[:port]} or {@code [ipv6][:port]}, port 1-65535. */
    static Optional<String> validHost(String authority) {
        String text = authority.strip();
        String host = text;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            host = text.substring(0, close + 1);
            String rest = text.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    return Optional.empty();
                }
                port = rest.substring(1);
            }
            // No zone ids: they mean nothing to the client and need escaping in a URI.
            if (host.contains("%") || !(IpAddresses.parse(host).orElse(null) instanceof Inet6Address)) {
                return Optional.empty();
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0) {
                host = text.substring(0, colon);
                port = text.substring(colon + 1);
            }
            if (host.length() > MAX_HOST_LENGTH || !HOST_NAME.matcher(host).matches()) {
                return Optional.empty();
            }
        }
        if (port != null && (!PORT.matcher(port).matches() || Integer.parseInt(port) > MAX_PORT)) {
            return Optional.empty();
        }
        return Optional.of(text);
    }
}
