package org.consentledger.verify;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A person's evidence package (it names a {@code userHash}, the hash of their account id) holds
 * their link and unlink events and the events of the visitor ids those link. Checked here: every
 * identity event is of that account on that site, and every consent event is of a visitor id that
 * a LINKED event in the package links to it. So a package cannot pass one person's events off as
 * another's, nor hold an event its own links do not account for.
 */
final class PersonPackages {

    private PersonPackages() {
    }

    /** Nothing to check for a visitor's package. */
    @SuppressWarnings("unchecked")
    static void check(Map<String, Object> evidence, List<?> entries) {
        Object userHash = evidence.get("userHash");
        if (userHash == null) {
            return;
        }
        Set<Object> linked = new HashSet<>();
        for (Object item : entries) {
            Map<String, Object> entry = (Map<String, Object>) item;
            Map<String, Object> record = (Map<String, Object>) entry.get("record");
            if (Leaves.IDENTITY_EVENT.equals(entry.get("source"))) {
                if (!userHash.equals(record.get("userHash")) || !evidence.get("siteKey").equals(record.get("siteKey"))) {
                    throw new Verdict.Failure((Long) entry.get("seq"),
                            "an identity event of another account or site is in the package");
                }
                if ("LINKED".equals(record.get("type"))) {
                    linked.add(record.get("visitorId"));
                }
            }
        }
        for (Object item : entries) {
            Map<String, Object> entry = (Map<String, Object>) item;
            Map<String, Object> record = (Map<String, Object>) entry.get("record");
            if (Leaves.CONSENT_EVENT.equals(entry.get("source")) && !linked.contains(record.get("visitorId"))) {
                throw new Verdict.Failure((Long) entry.get("seq"),
                        "its visitor id is not linked to the account by any link in the package");
            }
        }
    }
}
