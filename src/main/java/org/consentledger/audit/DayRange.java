package org.consentledger.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.consentledger.common.ApiException;
import org.consentledger.common.Params;

/** Whole UTC days from {@code from} to {@code to} (exclusive), as the timeseries takes them. */
record DayRange(LocalDate from, LocalDate to) {

    static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 30;

    /**
     * {@code from} falls back to the start of its UTC day and {@code to} forward to the end of its
     * own, so each bucket is a whole day. Without {@code to}: up to tomorrow 00:00Z; without
     * {@code from}: the 30 days before {@code to}.
     */
    static DayRange parse(String from, String to, Instant now) {
        Instant start = Params.instant("from", from);
        Instant end = Params.instant("to", to);
        LocalDate toDay = end == null ? day(now).plusDays(1) : dayEndingAtOrAfter(end);
        LocalDate fromDay = start == null ? toDay.minusDays(DEFAULT_DAYS) : day(start);
        if (!fromDay.isBefore(toDay)) {
            throw ApiException.invalid("to", "must be after from");
        }
        if (ChronoUnit.DAYS.between(fromDay, toDay) > MAX_DAYS) {
            throw ApiException.invalid("from", "from and to may be at most " + MAX_DAYS + " days apart");
        }
        return new DayRange(fromDay, toDay);
    }

    private static LocalDate day(Instant time) {
        return time.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static LocalDate dayEndingAtOrAfter(Instant time) {
        LocalDate day = day(time);
        return day.atStartOfDay().toInstant(ZoneOffset.UTC).equals(time) ? day : day.plusDays(1);
    }
}
