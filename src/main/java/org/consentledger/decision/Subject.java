package org.consentledger.decision;

import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.consentledger.common.ApiException;
import org.consentledger.common.Params;

/**
 * Whose decision a backend asks for: the visitor id the banner keeps in its first-party cookie,
 * which the site's backend can read.
 */
public record Subject(@NotNull UUID visitorId) {

    /** The subject named in a query string; 400 naming the parameter when it is missing or not a UUID. */
    static Subject fromQuery(String visitorId) {
        UUID id = Params.uuid("visitorId", visitorId);
        if (id == null) {
            throw ApiException.invalid("visitorId", "is required: the visitor's id, a UUID");
        }
        return new Subject(id);
    }
}
