package org.consentledger.jurisdiction;

/** Fired when a rules version is published, so this replica's cache takes it at once after the commit. */
public record RulesPublished(int version) {
}
