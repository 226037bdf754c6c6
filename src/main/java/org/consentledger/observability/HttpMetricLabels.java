package org.consentledger.observability;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Keeps the labels of the {@code http_server_*} series in closed sets, so that no client can
 * create series: a client chooses the method and the path, and each new label value would be a
 * new series, kept until the service restarts.
 * <ul>
 * <li>{@code method}: one of the methods of RFC 9110 and PATCH, or {@code OTHER}; Vert.x accepts
 * any token as a method.</li>
 * <li>{@code uri}: a route's template, or a fixed word. Quarkus gives the template when a route
 * matched, {@code NOT_FOUND} for a 404 and, with
 * {@code quarkus.micrometer.binder.http-server.suppress4xx-errors}, {@code UNKNOWN} for any other
 * answer of 400 or more without one (a 405, a 401 before routing, a 413 on a made-up path). A
 * request the client resets before the answer is labelled apart from that setting, with its path
 * as sent when no route matched yet; it is {@code UNKNOWN} here.</li>
 * </ul>
 * Micrometer maps each new label set through this filter once, so the made-up values cost a
 * lookup each, never a series or a stored entry.
 */
@Singleton
public class HttpMetricLabels {

    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE",
            "CONNECT");
    static final String OTHER = "OTHER";
    static final String UNKNOWN = "UNKNOWN";
    private static final String RESET = "RESET";

    @Produces
    @Singleton
    MeterFilter closedHttpServerLabels() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith("http.server") ? closed(id) : id;
            }
        };
    }

    static Meter.Id closed(Meter.Id id) {
        boolean reset = RESET.equals(id.getTag("status"));
        List<Tag> tags = new ArrayList<>();
        for (Tag tag : id.getTagsAsIterable()) {
            if (tag.getKey().equals("method") && !METHODS.contains(tag.getValue())) {
                tags.add(Tag.of("method", OTHER));
            } else if (tag.getKey().equals("uri") && reset) {
                tags.add(Tag.of("uri", UNKNOWN));
            } else {
                tags.add(tag);
            }
        }
        return id.replaceTags(tags);
    }
}
