package org.consentledger.consent;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.consentledger.common.ApiException;

import com.fasterxml.jackson.annotation.JsonInclude;

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
        // The lookahead refuses an over-long tag before the repeated group, which the matcher would recurse
        // through once per repetition: the validator matches the pattern even on a value over its size.
        @Size(max = 35) @Pattern(regexp = "(?=.{2,35}$)[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", message = "must be a BCP 47 language tag") String language,
        OffsetDateTime clientTime,
        Boolean gpc,
        /** The notice the banner displayed, as GET .../notice named it. */
        @Pattern(regexp = "[0-9a-f]{64}", message = "must be the noticeId of a notice this site served") String noticeId,
        /**
         * The IAB GPP string the banner gave the page's ad tech once this act took effect. Left out
         * of the body's fingerprint when absent, so events sent before it existed replay as they did.
         */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Size(max = MAX_GPP_STRING)
        @Pattern(regexp = GPP_STRING, message = "must be a GPP string: a header section starting DB, and sections after ~")
        String gppString) {

    /** A GPP string of every US section at once is about 200 characters. */
    static final int MAX_GPP_STRING = 512;
    /**
     * The header (type 3, version 1: "DB"), then base64url sections after ~ with segments after a
     * dot. One flat character class: a repeated group would make the matcher recurse once per
     * repetition, and the validator matches the pattern even on a value over its size.
     */
    static final String GPP_STRING = "DB[A-Za-z0-9_.~-]*";

    /** A banner replays an unsent event for a while, so its time may lag; a clock a year out states nothing. */
    static final Duration CLIENT_TIME_LAG = Duration.ofDays(365);
    /** Clocks run fast, but not by more than a day. */
    static final Duration CLIENT_TIME_LEAD = Duration.ofDays(1);

    /** Refuses a clientTime more than a year before or a day after the time of receipt. */
    void requireClientTimeNear(Instant receivedAt) {
        if (clientTime != null && (clientTime.toInstant().isBefore(receivedAt.minus(CLIENT_TIME_LAG))
                || clientTime.toInstant().isAfter(receivedAt.plus(CLIENT_TIME_LEAD)))) {
            throw ApiException.invalid("clientTime", "must be within a year before and a day after the time of receipt");
        }
    }

    /**
     * This statement as it is recorded: the versions actually shown, the categories as chosen,
     * the page without query or fragment, the client's time in UTC to the microsecond (as
     * PostgreSQL keeps it), and the GPC signal from the body or the header.
     */
    EventRequest asRecorded(List<UUID> shown, List<String> chosenCategories, boolean effectiveGpc) {
        OffsetDateTime recordedTime = clientTime == null ? null
                : clientTime.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        return new EventRequest(eventId, visitorId, type, shown, chosenCategories, PageUrls.originAndPath(pageUrl),
                language, recordedTime, effectiveGpc, noticeId, gppString);
    }
}
