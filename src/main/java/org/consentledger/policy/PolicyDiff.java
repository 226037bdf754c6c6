package org.consentledger.policy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Two versions of one kind side by side, line by line, as plain text: the title, url, content and
 * EEA addendum, each under a heading line such as {@code # content}. Escaping is the client's job.
 */
public record PolicyDiff(Side from, Side to, List<Row> rows, long changedLines) {

    /** One compared text: the version, and the language (and translation) its lines come from. */
    public record Side(UUID id, PolicyKind kind, String version, String language, UUID translationId,
            boolean material, String changeSummary, Instant effectiveAt, String sha256) {
    }

    public enum Tag {
        EQUAL,
        CHANGE,
        INSERT,
        DELETE
    }

    /** {@code left} is the line in {@code from}, {@code right} in {@code to}; empty on the side without one. */
    public record Row(Tag tag, String left, String right) {
    }
}
