package org.consentledger.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.consentledger.common.ApiException;
import org.consentledger.common.Params;
import org.consentledger.consent.EventType;

/** The auditor's filters over one site's events, shared by the listing, the export and the summary. */
public record EventFilter(Instant from, Instant to, EventType type, Boolean eea, String country, UUID visitorId,
        UUID documentVersionId) {

    public static EventFilter parse(String from, String to, String type, String eea, String country, String visitorId,
            String documentVersionId) {
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
        return new EventFilter(fromInstant, toInstant, Params.enumValue("type", type, EventType.class),
                Params.bool("eea", eea), countryCode, Params.uuid("visitorId", visitorId),
                Params.uuid("documentVersionId", documentVersionId));
    }

    public static EventFilter between(Instant from, Instant to) {
        return new EventFilter(from, to, null, null, null, null, null);
    }

    /** SQL conditions on alias "e" for this filter, with their parameters appended to {@code params}. */
    String where(UUID siteId, List<Object> params) {
        List<String> conditions = new ArrayList<>();
        conditions.add("e.site_id = ?");
        params.add(siteId);
        if (from != null) {
            conditions.add("e.received_at >= ?");
            params.add(Timestamp.from(from));
        }
        if (to != null) {
            conditions.add("e.received_at < ?");
            params.add(Timestamp.from(to));
        }
        if (type != null) {
            conditions.add("e.type = ?");
            params.add(type.name());
        }
        if (eea != null) {
            conditions.add("e.eea = ?");
            params.add(eea);
        }
        if (country != null) {
            conditions.add("e.country = ?");
            params.add(country);
        }
        if (visitorId != null) {
            conditions.add("e.visitor_id = ?");
            params.add(visitorId);
        }
        if (documentVersionId != null) {
            conditions.add("e.document_version_ids @> array[?]::uuid[]");
            params.add(documentVersionId);
        }
        return String.join(" and ", conditions);
    }
}
