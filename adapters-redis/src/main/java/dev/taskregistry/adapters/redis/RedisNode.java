package dev.taskregistry.adapters.redis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Redis process by address, as {@code taskregistry.redis.nodes} lists them: {@code host:port}, with an IPv6
 * address in brackets ({@code [::1]:26379}).
 */
public record RedisNode(String host, int port) {

    private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9._-]+):(\\d{1,5})");

    public RedisNode {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("'host' is required");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("'port' must be between 1 and 65535, was " + port);
        }
    }

    /**
     * The nodes of a comma-separated list; blanks around entries are ignored.
     *
     * @throws IllegalArgumentException naming {@code key} when the list is empty, an entry is not {@code host:port}
     *         or names a port outside 1..65535, or a node is listed twice
     */
    static List<RedisNode> parseList(String list, String key) {
        List<RedisNode> nodes = new ArrayList<>();
        Set<RedisNode> seen = new LinkedHashSet<>();
        for (String entry : list.split(",", -1)) {
            RedisNode node = parse(entry.strip(), key);
            if (!seen.add(node)) {
                throw new IllegalArgumentException("'" + key + "' lists " + node + " twice");
            }
            nodes.add(node);
        }
        return List.copyOf(nodes);
    }

    private static RedisNode parse(String entry, String key) {
        Matcher matcher = HOST_PORT.matcher(entry);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + key + "' must be host:port entries separated by commas, such as"
                    + " 10.0.0.1:6379,10.0.0.2:6379; '" + printable(entry) + "' is not host:port");
        }
        String host = matcher.group(1);
        int port = Integer.parseInt(matcher.group(2));
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(
                    "'" + key + "' names port " + port + " in '" + entry + "'; a port is 1 to 65535");
        }
        // Jedis takes an IPv6 address without its brackets.
        return new RedisNode(host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port);
    }

    /** The entry as the error shows it: control characters escaped, so the message stays one line. */
    private static String printable(String entry) {
        StringBuilder shown = new StringBuilder();
        entry.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
