package org.consentledger.audit;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.consentledger.common.ApiException;
import org.consentledger.common.Params;
import org.consentledger.consent.EventType;

/** The auditor's filters over one site's events, shared by the listing, the export and the summary. */
public record EventFilter(Instant from, Instant to, EventType type, Boolean eea, String country, String regime,
        UUID visitorId, UUID documentVersionId) {

    public static EventFilter parse(String from, String to, String type, String eea, String country, String regime,
            String visitorId, String documentVersionId) {
        Instant fromInstant = Params.instant("from", from);
        Instant toInstant = Params.instant("to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw ApiException.invalid("to", "must be after from");
        }
        String countryCode = null;
        if (country != null && !country.isBlank()) {
            countryCode = country.trim().toUpperCase(Locale.ROOT);
            if (!countryCode.matches("[A-Z]{2}")) {
                throw ApiException.invalid("country", "must be an ISO 3166-1 alpha-2 code");
            }
        }
        String regimeCode = null;
        if (regime != null && !regime.isBlank()) {
            regimeCode = regime.trim().toUpperCase(Locale.ROOT);
            if (!regimeCode.matches("[A-Z][A-Z0-9-]{1,31}")) {
                throw ApiException.invalid("regime", "must be a regime code such as EEA or US-OPT-OUT");
            }
        }
        return new EventFilter(fromInstant, toInstant, Params.enumValue("type", type, EventType.class),
                Params.bool("eea", eea), countryCode, regimeCode, Params.uuid("visitorId", visitorId),
                Params.uuid("documentVersionId", documentVersionId));
    }

    public static EventFilter between(Instant from, Instant to) {
        return new EventFilter(from, to, null, null, null, null, null, null);
    }
}
