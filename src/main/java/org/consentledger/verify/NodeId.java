package org.consentledger.verify;

/** A perfect subtree by position: level 0 is leaf {@code index}, level k covers 2^k leaves from {@code index << k}. */
public record NodeId(int level, long index) {
}
