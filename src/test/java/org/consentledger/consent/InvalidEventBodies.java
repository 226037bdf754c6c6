package org.consentledger.consent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A seeded generator of event bodies that must each be refused: a valid event, written field by
 * field as raw JSON, with one to three mutations that each make it invalid on their own (a wrong
 * type, a value out of range, text PostgreSQL cannot store, a broken structure or encoding). Its
 * bodies are bytes, so that one in ten can be {@link MalformedBodies malformed}: not JSON at all, or
 * not UTF-8.
 */
final class InvalidEventBodies {

    /** One generated body and the mutations that made it, to name it when a check fails. */
    record Body(String mutations, byte[] json) {

        String text() {
            return new String(json, StandardCharsets.UTF_8);
        }
    }

    private static final String[] TYPES = { "NOTICE_SHOWN", "BANNER_CLOSED", "BROWSING_CONTINUED", "ACCEPT_ALL",
            "REJECT_ALL", "PREFERENCES_SAVED", "WITHDRAWN" };
    private static final String[] SERVER_OWNED = { "receivedAt", "outcome", "jurisdiction", "country", "id", "ipPrefix",
            "userAgent", "requestHash", "siteId" };
    private static final String[] UUID_FIELDS = { "eventId", "visitorId" };

    private final Random random;
    private final Instant now;

    InvalidEventBodies(long seed, Instant now) {
        this.random = new Random(seed);
        this.now = now;
    }

    /** An invalid event body. */
    Body next() {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return MalformedBodies.notAnEvent(random);
        }
        Map<String, String> fields = validEvent();
        List<String> applied = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            applied.add(mutate(fields));
        }
        String json = fields.entrySet().stream().map(e -> quote(e.getKey()) + ":" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
        return new Body(String.join(" + ", applied), json.getBytes(StandardCharsets.UTF_8));
    }

    /** A batch that is invalid as a whole, or whose items all are. */
    Body brokenBatch() {
        return MalformedBodies.brokenBatch(random);
    }

    private Map<String, String> validEvent() {
        Map<String, String> fields = new LinkedHashMap<>();
        String type = TYPES[random.nextInt(TYPES.length)];
        fields.put("eventId", quote(UUID.randomUUID().toString()));
        fields.put("visitorId", quote(UUID.randomUUID().toString()));
        fields.put("type", quote(type));
        if (type.equals("PREFERENCES_SAVED")) {
            fields.put("categories", "[\"analytics\"]");
        }
        fields.put("pageUrl", quote("https://www.example.com/page-" + random.nextInt(100)));
        fields.put("language", quote("de-DE"));
        fields.put("clientTime", quote(now.minusSeconds(random.nextInt(3600)).toString()));
        fields.put("gpc", Boolean.toString(random.nextBoolean()));
        return fields;
    }

    /** Makes the event invalid in one way, and says how. */
    private String mutate(Map<String, String> fields) {
        switch (random.nextInt(12)) {
            case 0 -> {
                String field = UUID_FIELDS[random.nextInt(UUID_FIELDS.length)];
                String value = pick("null", "12345", "true", "\"\"", "\"not-a-uuid\"", "{}", "[" + quote(UUID.randomUUID()
                        .toString()) + "]", quote(UUID.randomUUID() + "x"), "1e308", quote("g".repeat(36)),
                        quote("00000000-0000-0000-0000-00000000000G"));
                set(fields, field, random.nextInt(8) == 0 ? null : value);
                return field + "=" + (fields.containsKey(field) ? value : "missing");
            }
            case 1 -> {
                String value = pick("null", "0", "3", "-1", "\"accept_all\"", "\"CLICKED\"", "\"\"", "[\"ACCEPT_ALL\"]",
                        "{}", "\"ACCEPT-ALL\"", "1.0");
                set(fields, "type", value);
                return "type=" + value;
            }
            case 2 -> {
                String value = pick("\"not a list\"", "12", "[1,2]", "[\"not-a-uuid\"]", "[null]", "{}",
                        "[[" + quote(UUID.randomUUID().toString()) + "]]", "[" + quote(UUID.randomUUID().toString()) + "]",
                        "[" + IntStream.range(0, 11).mapToObj(i -> quote(UUID.randomUUID().toString()))
                                .collect(Collectors.joining(",")) + "]");
                set(fields, "documentVersionIds", value);
                return "documentVersionIds=" + abbreviate(value);
            }
            case 3 -> {
                boolean preferences = fields.get("type").equals("\"PREFERENCES_SAVED\"");
                String value = preferences ? pick("[\"Tracking!\"]", "[\"x\"]", "[null]", "\"analytics\"", "[1]",
                        "[\"tracking\"]", "{}", "[" + IntStream.range(0, 21).mapToObj(i -> "\"cat" + i + "\"")
                                .collect(Collectors.joining(",")) + "]")
                        : "[\"analytics\"]";
                set(fields, "categories", value);
                return "categories=" + abbreviate(value) + (preferences ? "" : " without PREFERENCES_SAVED");
            }
            case 4 -> {
                String value = pick("\"javascript:alert(1)\"", "\"/relative/path\"", "\"ftp://www.example.com/x\"",
                        quote("https://www.example.com/" + "a".repeat(2100)), quote("https://" + "h".repeat(2040)),
                        "\"https://www.example.com/a\\u0000b\"", "\"https://www.example.com/\\ud800\"",
                        "\"https://www.example.com/\\udfff\"", "42", "true", "[\"https://www.example.com/\"]", "{}",
                        "\"http://exa mple.com/\"", "\"https://www.example.com/a\\u0001b\"",
                        quote("https://www.example.com/" + "x".repeat(200_000)));
                set(fields, "pageUrl", value);
                return "pageUrl=" + abbreviate(value);
            }
            case 5 -> {
                String value = pick("\"x\"", quote("a".repeat(36)), "\"de_DE\"", "\"de\\u0000\"", "7", "\"\"",
                        "\"\\ud83d\"", "[\"de\"]", "\"de-\"");
                set(fields, "language", value);
                return "language=" + value;
            }
            case 6 -> {
                String value = pick("\"+100000-01-01T00:00:00Z\"", "\"-5000-01-01T00:00:00Z\"", "1e308", "1700000000", "-1",
                        "0", "\"1700000000\"", "\"\"", "\"yesterday\"", "\"2026-01-01T00:00:00\"", "\"2026-13-01T00:00:00Z\"",
                        quote(now.minus(730, ChronoUnit.DAYS).toString()), quote(now.plus(2, ChronoUnit.DAYS).toString()),
                        "\"+999999999-12-31T23:59:59Z\"", "true", "[]", "{}", "9".repeat(2000), "\"0000-12-31T23:59:59Z\"");
                set(fields, "clientTime", value);
                return "clientTime=" + abbreviate(value);
            }
            case 7 -> {
                String value = pick("1", "0", "\"true\"", "\"yes\"", "\"\"", "[]", "{}", "1.5", "[true]");
                set(fields, "gpc", value);
                return "gpc=" + value;
            }
            case 8 -> {
                String name = random.nextBoolean() ? SERVER_OWNED[random.nextInt(SERVER_OWNED.length)]
                        : "x" + Integer.toHexString(random.nextInt());
                set(fields, name, pick("\"2020-01-01T00:00:00Z\"", "true", "{\"basis\":\"EXPLICIT\"}", "null", "1"));
                return "unknown field " + name;
            }
            case 9 -> {
                int depth = pick(10, 200, 999, 1500, 5000);
                String field = random.nextBoolean() ? "pageUrl" : "nested";
                set(fields, field, "[".repeat(depth) + "]".repeat(depth));
                return "nesting " + depth + " in " + field;
            }
            case 10 -> {
                String field = pick("eventId", "visitorId", "type", "pageUrl", "language");
                String value = field.equals("pageUrl") || field.equals("language") || field.equals("type")
                        ? quote("\u00e9".repeat(100_000)) : quote("z".repeat(100_000));
                set(fields, field, value);
                return "huge " + field;
            }
            default -> {
                String field = pick("eventId", "pageUrl", "type");
                String value = pick("\"\\x41\"", "\"\\u12\"", "\"\\uZZZZ\"", "'single'", "\"unterminated", "NaN",
                        "undefined", "\"a\"\"b\"");
                set(fields, field, value);
                return "bad JSON " + field + "=" + value;
            }
        }
    }

    private static void set(Map<String, String> fields, String field, String value) {
        if (value == null) {
            fields.remove(field);
        } else {
            fields.put(field, value);
        }
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "…(" + value.length() + " chars)";
    }


}
