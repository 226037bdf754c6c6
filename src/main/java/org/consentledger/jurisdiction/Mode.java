package org.consentledger.jurisdiction;

/**
 * How a regime asks for consent, strictest first. EXPLICIT: only an affirmative act is consent,
 * closing the banner acknowledges the notice. OPT_OUT: the US model, implied acts grant unless the
 * visitor opted out of sale or sharing (GPC counts). IMPLIED: implied acts grant.
 */
public enum Mode {
    EXPLICIT,
    OPT_OUT,
    IMPLIED;

    /** Whether this mode asks at least as much of the visitor as {@code other}. */
    public boolean atLeastAsStrictAs(Mode other) {
        return ordinal() <= other.ordinal();
    }
}
