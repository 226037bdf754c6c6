package org.consentledger.common;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Every request body is read strictly, so that what is recorded is what was sent and nothing a
 * client sends reaches PostgreSQL in a form it refuses (a 500) or silently alters:
 * <ul>
 * <li>a value must have its field's JSON type: no number read as a time (1e308 was stored as
 * 1970-01-01), as text, as a boolean or as an enum's index, no string read as a boolean;</li>
 * <li>a time is an ISO 8601 string with an offset, in the years 1 to 9999 (PostgreSQL refuses
 * year 100000 and -5000);</li>
 * <li>text holds no NUL (PostgreSQL refuses it) and no unpaired surrogate (the driver would store
 * '?' in its place);</li>
 * <li>a field given twice, or anything after the body's closing brace, is malformed JSON, not
 * "the last one wins" or "ignored";</li>
 * <li>a body nests at most {@link #MAX_DEPTH} levels and a number has at most
 * {@link #MAX_NUMBER_DIGITS} digits, as the ledger's own reader allows in a receipt: no body the
 * service takes comes near either, and Jackson's defaults (1,000 of each) are looser than any needs.</li>
 * </ul>
 * Each refusal is a 400 naming the field, or the body for a bound ({@link ProblemMappers}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    public static final String TIME_OUT_OF_RANGE = "must be a time between the years 1 and 9999";
    public static final int MAX_DEPTH = 64;
    public static final int MAX_NUMBER_DIGITS = 100;
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant AFTER_LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    /** Last, after Quarkus has registered its modules: a later module's deserializers win. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_DIGITS).build());
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("strict-json")
                .addDeserializer(String.class, new Text())
                .addDeserializer(Instant.class, new Time<>(Instant.class, OffsetDateTime::toInstant))
                // In UTC, as Jackson's own reader gave it, so request fingerprints stay the same.
                .addDeserializer(OffsetDateTime.class,
                        new Time<>(OffsetDateTime.class, time -> time.withOffsetSameInstant(ZoneOffset.UTC))));
    }

    /** The bound a body went past, as a fixed sentence: Jackson's message names its own internals. */
    public static String boundExceeded(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Document nesting depth")) {
            return "nests deeper than " + MAX_DEPTH + " levels";
        }
        if (message.startsWith("Number value length")) {
            return "has a number with more than " + MAX_NUMBER_DIGITS + " digits";
        }
        return "is larger than this service reads";
    }

    /** Whether PostgreSQL, java.sql.Timestamp and every reader handle this time: the years 1 to 9999. */
    public static boolean storable(Instant time) {
        return !time.isBefore(EARLIEST) && time.isBefore(AFTER_LATEST);
    }

    /** Why a text cannot be stored as it is, or null when it can. */
    public static String textProblem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "must not contain NUL characters";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode text (it has an unpaired surrogate)";
            }
        }
        return null;
    }

    /** A value of the right JSON type that is still out of range; carries a fixed, safe message. */
    public static final class InvalidValue extends MismatchedInputException {

        private final String reason;

        InvalidValue(JsonParser parser, Class<?> type, String reason) {
            super(parser, reason, type);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** JSON strings only, and only those PostgreSQL stores unchanged. */
    static final class Text extends StdScalarDeserializer<String> {

        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getText();
            String problem = textProblem(text);
            if (problem != null) {
                throw new InvalidValue(parser, String.class, problem);
            }
            return text;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** ISO 8601 strings with an offset, within the years PostgreSQL and every reader handle. */
    static final class Time<T> extends StdScalarDeserializer<T> {

        private final Function<OffsetDateTime, T> convert;

        Time(Class<T> type, Function<OffsetDateTime, T> convert) {
            super(type);
            this.convert = convert;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                @SuppressWarnings("unchecked")
                T refused = (T) context.handleUnexpectedToken(handledType(), parser);
                return refused;
            }
            OffsetDateTime time;
            try {
                time = OffsetDateTime.parse(parser.getText().trim());
            } catch (DateTimeParseException e) {
                throw new InvalidValue(parser, handledType(),
                        "must be an ISO 8601 time with an offset, e.g. 2026-01-31T12:00:00Z");
            }
            if (!storable(time.toInstant())) {
                throw new InvalidValue(parser, handledType(), TIME_OUT_OF_RANGE);
            }
            return convert.apply(time);
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.DateTime;
        }
    }
}
