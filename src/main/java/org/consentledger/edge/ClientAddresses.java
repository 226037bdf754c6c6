package org.consentledger.edge;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Truncates a client address before anything stores it: IPv4 to its /24, IPv6 to its /48. The
 * full address is never kept or logged; the prefix is enough to show a record came from a
 * plausible network without identifying a household.
 */
public final class ClientAddresses {

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4_LITERAL = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(%[A-Za-z0-9]+)?");

    private ClientAddresses() {
    }

    /** The truncated prefix, e.g. "203.0.113.0/24", or null if the value is not an IP literal. */
    public static String truncate(String address) {
        InetAddress parsed = parse(address);
        return parsed == null ? null : prefixOf(parsed);
    }

    /** The truncated prefix of an address. */
    public static String prefixOf(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
        }
        try {
            byte[] prefix = Arrays.copyOf(Arrays.copyOf(bytes, 6), 16);
            return InetAddress.getByAddress(prefix).getHostAddress().replaceAll("(:0)+$", "::")
                    .replace(":::", "::") + "/48";
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The address an IP literal (IPv4, or IPv6 with or without brackets) stands for, or null for
     * anything else. An IPv4-mapped IPv6 address comes back as IPv4.
     */
    public static InetAddress parse(String address) {
        if (address == null) {
            return null;
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        // Only literals are parsed, so InetAddress never performs a DNS lookup: a dotted quad is
        // always read as an address, and an IPv6 candidate is bracketed, which InetAddress never
        // resolves by name. Anything else (hex-looking names such as "cafe.be") stops here.
        String query;
        if (IPV4_LITERAL.matcher(literal).matches()) {
            query = literal;
        } else if (IPV6_LITERAL.matcher(literal).matches()) {
            query = "[" + literal + "]";
        } else {
            return null;
        }
        try {
            return InetAddress.getByName(query);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
