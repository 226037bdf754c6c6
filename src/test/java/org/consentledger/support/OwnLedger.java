package org.consentledger.support;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A service and database apart from the ones most tests share, where other tests tamper with the
 * ledger on purpose (NoticeProofTest rewrites a rendering before the ledger hashes it, which no
 * later export of that ledger gets past). For tests that verify the whole ledger export, or move
 * the clock days ahead. They share this one start, so none may leave the ledger broken, and one
 * that raises a ledger alarm on purpose clears it after itself ({@code LedgerAlarmsReset}).
 */
public class OwnLedger implements QuarkusTestProfile {
}
