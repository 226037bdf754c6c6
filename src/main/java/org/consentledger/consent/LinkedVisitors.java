package org.consentledger.consent;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which visitor ids are one person's, as the site's backend linked them to its account ids. The
 * identity links answer it; consent asks through this interface because identity depends on the
 * ledger, which depends on consent.
 */
public interface LinkedVisitors {

    /**
     * The links that concern these visitor ids and account hashes, read in one statement: the
     * account of each visitor id that is linked, and the visitor ids linked now to each of those
     * accounts and of the hashes given.
     */
    Links of(UUID siteId, Collection<UUID> visitorIds, Collection<String> userHashes);

    /**
     * {@code accountOf}: each linked visitor id asked, to its account's hash. {@code visitorsOf}:
     * each account concerned to its visitor ids; an account with none linked is absent.
     */
    record Links(Map<UUID, String> accountOf, Map<String, List<UUID>> visitorsOf) {
    }
}
