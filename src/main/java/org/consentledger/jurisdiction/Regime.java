package org.consentledger.jurisdiction;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One regime of a rules version: its code, its mode, how long a decision lasts (in months; an
 * accepting decision and a rejecting one separately), the countries (ISO 3166-1 alpha-2) and
 * regions (ISO 3166-2, such as {@code US-CA}) it covers, and the categories a site may set without
 * consent, with an easy objection instead ({@code exemptCategories}: analytics in the UK since the
 * Data (Use and Access) Act 2025, rules version 2).
 */
public record Regime(String code, Mode mode, Integer acceptMonths, Integer rejectMonths, List<String> countries,
        List<String> regions, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> exemptCategories) {

    /** The categories a regime may exempt: the law's exemption is for analytics (statistical purposes) alone. */
    public static final List<String> EXEMPTABLE = List.of("analytics");

    public Regime {
        // Copies that keep a null element, so RulesCheck can refuse it naming the field.
        countries = countries == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(countries));
        regions = regions == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(regions));
        exemptCategories = exemptCategories == null ? List.of()
                : Collections.unmodifiableList(new ArrayList<>(exemptCategories));
    }

    public Regime(String code, Mode mode, Integer acceptMonths, Integer rejectMonths, List<String> countries,
            List<String> regions) {
        this(code, mode, acceptMonths, rejectMonths, countries, regions, List.of());
    }

    /**
     * Whether a decision made at {@code decidedAt} has outlived its lifetime at {@code now}: it has
     * once {@code decidedAt} is no later than {@code now} minus the lifetime, in calendar months (UTC).
     */
    public boolean expired(Instant decidedAt, boolean grantedAny, Instant now) {
        return !decidedAt.isAfter(expiryCutoff(now, grantedAny));
    }

    /** The latest decision time that has expired at {@code now}. */
    public Instant expiryCutoff(Instant now, boolean grantedAny) {
        int months = grantedAny ? acceptMonths : rejectMonths;
        return now.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
    }
}
