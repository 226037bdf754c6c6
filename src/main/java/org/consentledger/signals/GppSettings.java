package org.consentledger.signals;

import org.consentledger.common.ApiException;

/**
 * How a site's GPP section reads beyond the visitor's choices. {@code mspaCoveredTransaction}: the
 * site is a signatory of the IAB's Multi-State Privacy Agreement and its ad transactions are covered
 * by it (off by default: IABGPP issue #74 makes it each site's own choice); {@code mspaMode}: the
 * mode the site chose under the agreement, required when covered; {@code stateSections}: emit the
 * visitor's state section (usca for a Californian, usva for a Virginian, ...) beside the national
 * one (usnat).
 */
public record GppSettings(Boolean mspaCoveredTransaction, MspaMode mspaMode, Boolean stateSections) {

    public static final GppSettings DEFAULTS = new GppSettings(false, null, false);

    /** The MSPA's two modes: a covered signatory either offers opt-outs or acts as a service provider. */
    public enum MspaMode {
        OPT_OUT_OPTION,
        SERVICE_PROVIDER
    }

    public GppSettings normalized() {
        boolean covered = Boolean.TRUE.equals(mspaCoveredTransaction);
        if (covered && mspaMode == null) {
            throw ApiException.invalid("signals.gpp.mspaMode",
                    "must be OPT_OUT_OPTION or SERVICE_PROVIDER when mspaCoveredTransaction is true");
        }
        if (!covered && mspaMode != null) {
            throw ApiException.invalid("signals.gpp.mspaMode", "applies only when mspaCoveredTransaction is true");
        }
        return new GppSettings(covered, mspaMode, Boolean.TRUE.equals(stateSections));
    }
}
