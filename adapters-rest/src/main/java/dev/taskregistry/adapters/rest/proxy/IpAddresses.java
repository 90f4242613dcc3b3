package dev.taskregistry.adapters.rest.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads IP address literals, IPv4 or IPv6, without ever asking DNS (a name is not an address here). */
final class IpAddresses {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[0-9A-Za-z._-]+)?");

    private IpAddresses() {}

    /** The address that {@code text} spells, bracketed or not; empty for anything else, host names included. */
    static Optional<InetAddress> parse(String text) {
        String literal = text.strip();
        if (literal.length() > 2 && literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        try {
            if (IPV4.matcher(literal).matches()) {
                return Optional.of(InetAddress.getByName(literal));
            }
            if (IPV6.matcher(literal).matches()) {
                // Brackets make the JDK parse the text as an IPv6 literal or fail; without them a malformed
                // literal would be looked up as a host name.
                return Optional.of(InetAddress.getByName("[" + literal + "]"));
            }
        } catch (UnknownHostException malformed) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
