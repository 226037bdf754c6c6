package org.consentledger.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader, so the verifier needs nothing but a JDK. Objects become
 * {@code Map<String, Object>}, arrays {@code List<Object>}, integers {@code Long} or
 * {@code BigInteger}, other numbers {@code BigDecimal}.
 * <p>
 * Anyone may hand a receipt to the service or to an auditor, so what one text can cost is bounded:
 * the reader recurses once per level, so nesting stops at {@link #MAX_DEPTH} (50,000 levels
 * overflowed the stack), and the JDK parses a number in time quadratic in its digits, so a number
 * stops at {@link #MAX_NUMBER_DIGITS} (900,000 digits took 13 s of CPU) and at an exponent of
 * {@link #MAX_EXPONENT}. Nothing the ledger writes comes near any of them.
 */
public final class Json {

    public static final int MAX_DEPTH = 64;
    /** Digits of the integer, fraction and exponent together, as Jackson counts them. */
    public static final int MAX_NUMBER_DIGITS = 100;
    /**
     * 1e600000000 has one digit, but canonical JSON writes it out in full: hundreds of megabytes
     * and minutes of CPU. The bound is on its scale, the exponent less the fraction's digits.
     */
    public static final int MAX_EXPONENT = 1000;

    /** A text over one of the reader's bounds; {@link #reason()} is a fixed, safe sentence naming it. */
    public static final class OverLimit extends IllegalArgumentException {

        private final String reason;

        OverLimit(int offset, String reason) {
            super("Invalid JSON at offset " + offset + ": " + reason);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    private final String text;
    private int pos;
    private int depth;

    private Json(String text) {
        this.text = text;
    }

    public static Object parse(String text) {
        Json reader = new Json(text);
        reader.skipWhitespace();
        Object value = reader.value();
        reader.skipWhitespace();
        if (reader.pos != text.length()) {
            throw reader.error("unexpected trailing characters");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private Object value() {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{', '[':
                return nested(c);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private Object nested(char open) {
        if (++depth > MAX_DEPTH) {
            throw new OverLimit(pos, "nests deeper than " + MAX_DEPTH + " levels");
        }
        Object value = open == '{' ? object() : array();
        depth--;
        return value;
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a key");
            }
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            if (map.containsKey(key)) {
                throw error("duplicate key " + key);
            }
            map.put(key, value());
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw error("expected , or }");
            }
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        pos++;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value());
            skipWhitespace();
            char c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw error("expected , or ]");
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escape = next();
            switch (escape) {
                case '"', '\\', '/' -> out.append(escape);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("short unicode escape");
                    }
                    out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> throw error("bad escape");
            }
        }
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        boolean integer = true;
        int digits = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c >= '0' && c <= '9') {
                if (++digits > MAX_NUMBER_DIGITS) {
                    throw new OverLimit(pos, "has a number with more than " + MAX_NUMBER_DIGITS + " digits");
                }
                pos++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                integer = false;
                pos++;
            } else {
                break;
            }
        }
        String literal = text.substring(start, pos);
        try {
            if (!integer) {
                BigDecimal value = new BigDecimal(literal);
                if (Math.abs((long) value.scale()) > MAX_EXPONENT) {
                    throw new OverLimit(start, "has a number with an exponent beyond ±" + MAX_EXPONENT);
                }
                return value;
            }
            BigInteger value = new BigInteger(literal);
            return value.bitLength() < 64 ? (Object) value.longValue() : value;
        } catch (NumberFormatException e) {
            throw error("bad number");
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected literal");
        }
        pos += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("Invalid JSON at offset " + pos + ": " + message);
    }
}
