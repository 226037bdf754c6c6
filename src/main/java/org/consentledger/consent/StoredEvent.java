package org.consentledger.consent;

/**
 * A consent event as read back: the event, its position in the table, and its leaf in the
 * tamper-evident ledger ({@code ledgerSeq} and the base64 {@code leafHash} are null until the
 * sequencer reaches it, and in what {@link EventColumns#read} returns until
 * {@link EventLeaves#attach} looks the leaf up).
 */
public record StoredEvent(long id, NewEvent event, Long ledgerSeq, String leafHash) {
}
