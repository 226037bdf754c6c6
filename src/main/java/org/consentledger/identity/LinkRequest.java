package org.consentledger.identity;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * What a site's backend sends to link a visitor id (the banner's first-party cookie) to its own
 * account id. The account id is hashed at once and never stored.
 */
public record LinkRequest(
        @NotNull UUID visitorId,
        @NotBlank @Size(max = UserIds.MAX_LENGTH, message = "must be at most " + UserIds.MAX_LENGTH + " characters") String userId) {

    /** Never the account id: a request that reaches a log line must not carry it there. */
    @Override
    public String toString() {
        return "LinkRequest[visitorId=" + visitorId + "]";
    }
}
