package org.consentledger.jurisdiction;

/**
 * Where the visitor is, as far as the service can trust it, and the regime that applies.
 * {@code country} is null when the trusted edge header was absent or unknown; then {@code eea} is
 * true, the strictest rule. {@code region} is an ISO 3166-2 subdivision such as {@code US-CA}, or
 * null. {@code regime} and {@code rulesVersion} are null until a regime is chosen for a site, and
 * on events recorded before regimes existed.
 */
public record Jurisdiction(String country, String region, boolean eea, Source source, String regime,
        Integer rulesVersion) {

    public enum Source {
        HEADER,
        DEFAULT
    }

    public static final Jurisdiction UNKNOWN = new Jurisdiction(null, true, Source.DEFAULT);

    /** A location without a region or a regime. */
    public Jurisdiction(String country, boolean eea, Source source) {
        this(country, null, eea, source, null, null);
    }

    public Jurisdiction withRegime(String code, int version) {
        return new Jurisdiction(country, region, eea, source, code, version);
    }
}
