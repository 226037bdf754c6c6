package org.consentledger.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A site's figures per UTC day. Each bucket's {@code decidingVisitors} and {@code categoryGrants}
 * follow the summary's rule within that day: each visitor's latest consent-changing event of the
 * day; {@code byPolicyVersion} groups those events by each document version id they name.
 * {@code asOf} is null when the bucket counts every event of its day, and otherwise the instant up
 * to which a snapshot of a day in progress counted them.
 */
public record Timeseries(String siteKey, Instant from, Instant to, String bucket, List<Bucket> buckets) {

    public record Bucket(Instant start, long total, Map<String, Long> events, long decidingVisitors,
            Map<String, Summary.CategoryShare> categoryGrants, Map<String, Slice> byRegime,
            Map<String, Slice> byPolicyVersion, Instant asOf) {
    }

    public record Slice(long decidingVisitors, Map<String, Summary.CategoryShare> categoryGrants) {
    }
}
