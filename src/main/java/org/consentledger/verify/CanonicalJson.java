package org.consentledger.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The canonical serialisation hashed into the ledger (version 1): JSON with object keys sorted by
 * code point, no whitespace, strings escaped only where JSON requires it ({@code "}, {@code \},
 * and control characters as {@code \}{@code uXXXX}, lower-case hex), integers in plain decimal,
 * and UTF-8 bytes. Floating-point numbers are not allowed. Anyone can reimplement it from this
 * description.
 */
public final class CanonicalJson {

    private static final Comparator<Map.Entry<?, ?>> BY_KEY = Comparator.comparing(entry -> (String) entry.getKey());

    private CanonicalJson() {
    }

    public static byte[] bytes(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static String string(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0) {
            out.append(d.toBigIntegerExact());
        } else if (value instanceof Map<?, ?> map) {
            // Sorted as entries, not as keys looked up again: the ledger's sequencer writes every
            // record through here, and the lookups were a fifth of this method's samples (JFR).
            Map.Entry<?, ?>[] entries = map.entrySet().toArray(new Map.Entry<?, ?>[0]);
            Arrays.sort(entries, BY_KEY);
            out.append('{');
            for (int i = 0; i < entries.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeString((String) entries[i].getKey(), out);
                out.append(':');
                write(entries[i].getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("Not allowed in canonical JSON: " + value.getClass().getSimpleName());
        }
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        if (!needsEscaping(s)) {
            out.append(s).append('"');
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static boolean needsEscaping(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                return true;
            }
        }
        return false;
    }
}
