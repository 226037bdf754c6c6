package org.consentledger.edge;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the hops of RFC 7239 {@code Forwarded} headers: one per element, left to right across
 * headers, each the element's {@code for} node with its quotes removed ("[2001:db8::1]:4711",
 * "192.0.2.60"). An element without a {@code for}, one that cannot be parsed, and the node
 * identifiers "unknown" and "_obfuscated" are hops with no address: {@link ClientOrigins} stops
 * its walk there, as it does at garbage in X-Forwarded-For.
 */
final class ForwardedHeader {

    /** A hop that names no address. */
    static final String NO_ADDRESS = "";

    private ForwardedHeader() {
    }

    static List<String> forHops(List<String> headers) {
        List<String> hops = new ArrayList<>();
        if (headers != null) {
            for (String header : headers) {
                for (String element : split(header, ',')) {
                    hops.add(forNode(element));
                }
            }
        }
        return hops;
    }

    /** The element's {@code for} value, or {@link #NO_ADDRESS}. */
    private static String forNode(String element) {
        for (String pair : split(element, ';')) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                continue;
            }
            if (pair.substring(0, equals).trim().equalsIgnoreCase("for")) {
                String node = unquote(pair.substring(equals + 1).trim());
                return node == null || node.equalsIgnoreCase("unknown") || node.startsWith("_") ? NO_ADDRESS : node;
            }
        }
        return NO_ADDRESS;
    }

    /** Splits on the separator outside quoted strings; an unterminated quote makes the rest one part. */
    private static List<String> split(String value, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted && c == '\\' && i + 1 < value.length()) {
                part.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(part.toString().trim());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString().trim());
        return parts;
    }

    /** A token as it is, a quoted string without its quotes and escapes, or null when malformed. */
    private static String unquote(String value) {
        if (!value.startsWith("\"")) {
            return value.contains("\"") ? null : value;
        }
        if (value.length() < 2 || !value.endsWith("\"")) {
            return null;
        }
        StringBuilder node = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            } else if (c == '"' || c == '\\') {
                return null;
            }
            node.append(c);
        }
        return node.toString();
    }
}
