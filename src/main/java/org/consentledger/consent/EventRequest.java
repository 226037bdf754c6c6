package org.consentledger.consent;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One event as the banner posts it. Everything the server decides (outcome, jurisdiction,
 * receivedAt, the truncated address) is deliberately absent: the client cannot set it.
 */
public record EventRequest(
        @NotNull UUID eventId,
        @NotNull UUID visitorId,
        @NotNull EventType type,
        @Size(max = 10) List<@NotNull UUID> documentVersionIds,
        @Size(max = 20) List<@NotNull @Pattern(regexp = "[a-z][a-z0-9_-]{1,31}", message = "must be a category key") String> categories,
        @Size(max = 2048) String pageUrl,
        @Size(max = 35) @Pattern(regexp = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", message = "must be a BCP 47 language tag") String language,
        OffsetDateTime clientTime,
        Boolean gpc) {

    /**
     * This statement as it is recorded: the versions actually shown, the categories as chosen,
     * the page without query or fragment, the client's time in UTC to the microsecond (as
     * PostgreSQL keeps it), and the GPC signal from the body or the header.
     */
    EventRequest asRecorded(List<UUID> shown, List<String> chosenCategories, boolean effectiveGpc) {
        OffsetDateTime recordedTime = clientTime == null ? null
                : clientTime.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return new EventRequest(eventId, visitorId, type, shown, chosenCategories, PageUrls.originAndPath(pageUrl),
                language, recordedTime, effectiveGpc);
    }
}
