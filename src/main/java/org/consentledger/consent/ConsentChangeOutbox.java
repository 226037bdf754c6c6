package org.consentledger.consent;

/**
 * Lets another feature act on changed decisions in the very statement that records the events, so
 * that what it writes commits with them or not at all (a transactional outbox). The webhooks
 * implement it; this package only names what it offers, because they depend on it.
 */
public interface ConsentChangeOutbox {

    /**
     * A data-modifying statement (an INSERT) to run as one more WITH query, reading the
     * relation {@code changes}: one row per visitor whose decision on some category is now
     * different, with the columns site_id, visitor_id, event_id, type, regime,
     * document_version_ids, received_at, categories_before (jsonb, null for a first decision)
     * and categories_after (jsonb). It takes no parameters.
     */
    String insertFrom(String changes);
}
