package org.consentledger.jurisdiction;

/**
 * Where the visitor is, as far as the service can trust it. {@code country} is null when the
 * trusted edge header was absent or unknown; then {@code eea} is true, the strictest rule.
 */
public record Jurisdiction(String country, boolean eea, Source source) {

    public enum Source {
        HEADER,
        DEFAULT
    }

    public static final Jurisdiction UNKNOWN = new Jurisdiction(null, true, Source.DEFAULT);
}
