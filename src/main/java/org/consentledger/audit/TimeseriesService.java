package org.consentledger.audit;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.consentledger.site.Site;
import org.consentledger.site.SiteRepository;

/**
 * Daily figures: the days {@link DailyRollup} has stored are read as they are, complete or as the
 * latest snapshot of a day in progress (today, and yesterday during the grace period), and every
 * other day of the range (not rolled up yet, or the rollup is off) is added up from the events,
 * one query per run of consecutive missing days.
 */
@ApplicationScoped
public class TimeseriesService {

    @Inject AuditDays days;
    @Inject AuditQueries queries;
    @Inject SiteRepository sites;

    public Timeseries daily(String siteKey, LocalDate from, LocalDate to) {
        Site site = sites.require(siteKey);
        Map<LocalDate, AuditDays.Stored> figures = new TreeMap<>(days.stored(queries.source(), site.id, from, to));
        LocalDate missingSince = null;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            boolean missing = day.isBefore(to) && !figures.containsKey(day);
            if (missing && missingSince == null) {
                missingSince = day;
            } else if (!missing && missingSince != null) {
                days.compute(queries.source(), site.id, missingSince, day)
                        .forEach((counted, f) -> figures.put(counted, new AuditDays.Stored(f, null)));
                missingSince = null;
            }
        }
        List<Timeseries.Bucket> buckets = new ArrayList<>();
        for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
            buckets.add(bucket(day, figures.getOrDefault(day, new AuditDays.Stored(DayFigures.empty(), null))));
        }
        return new Timeseries(siteKey, start(from), start(to), "day", buckets);
    }

    private static Timeseries.Bucket bucket(LocalDate day, AuditDays.Stored stored) {
        DayFigures f = stored.figures();
        Map<String, Timeseries.Slice> byRegime = new TreeMap<>();
        f.byRegime().forEach((code, d) -> byRegime.put(code, slice(d)));
        Map<String, Timeseries.Slice> byVersion = new TreeMap<>();
        f.byPolicyVersion().forEach((id, d) -> byVersion.put(id.toString(), slice(d)));
        return new Timeseries.Bucket(start(day), f.total(), new TreeMap<>(f.events()), f.deciding().visitors(),
                shares(f.deciding()), byRegime, byVersion, stored.asOf());
    }

    private static Timeseries.Slice slice(DayFigures.Deciding deciding) {
        return new Timeseries.Slice(deciding.visitors(), shares(deciding));
    }

    /** As in the summary: granted over all deciding visitors, unrounded. */
    private static Map<String, Summary.CategoryShare> shares(DayFigures.Deciding deciding) {
        Map<String, Summary.CategoryShare> shares = new TreeMap<>();
        deciding.granted().forEach((category, granted) -> shares.put(category, new Summary.CategoryShare(granted,
                deciding.visitors() == 0 ? 0 : (double) granted / deciding.visitors())));
        return shares;
    }

    private static java.time.Instant start(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
