package org.consentledger.decision;

import java.util.List;
import java.util.UUID;

import org.consentledger.common.ApiException;
import org.consentledger.common.Params;
import org.consentledger.identity.UserIds;

/**
 * Whose decision a backend asks for, exactly one of: the visitor id the banner keeps in its
 * first-party cookie, which the site's backend can read; or the site's own account id of a person
 * whose visitor ids it linked, hashed at once and never stored or logged.
 */
public record Subject(UUID visitorId, String userId) {

    /** The subject named in a query string; 400 naming the parameter unless exactly one is given and valid. */
    static Subject fromQuery(String visitorId, String userId) {
        Subject subject = new Subject(Params.uuid("visitorId", visitorId), userId);
        subject.requireValid("");
        return subject;
    }

    /** 400 naming {@code subjects[i].visitorId} or {@code .userId} of the first subject that is not valid. */
    static void requireValid(List<Subject> subjects) {
        for (int i = 0; i < subjects.size(); i++) {
            subjects.get(i).requireValid("subjects[" + i + "].");
        }
    }

    private void requireValid(String prefix) {
        if (visitorId == null && userId == null) {
            throw ApiException.invalid(prefix + "visitorId", "is required, or userId instead: the visitor's id, a UUID");
        }
        if (visitorId != null && userId != null) {
            throw ApiException.invalid(prefix + "userId", "must not be given with visitorId: one subject, one of them");
        }
        if (userId != null) {
            UserIds.requireValid(prefix + "userId", userId);
        }
    }

    /** Never the account id: a subject that reaches a log line must not carry it there. */
    @Override
    public String toString() {
        return visitorId != null ? "Subject[visitorId=" + visitorId + "]" : "Subject[userId]";
    }
}
