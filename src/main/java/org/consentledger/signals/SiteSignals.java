package org.consentledger.signals;

import jakarta.validation.Valid;

/**
 * A site's settings for the signals ad and analytics platforms read, each optional in a request:
 * the IAB GPP section the banner emits for US visitors ({@code gpp}), and whether it feeds
 * Microsoft Advertising's UET consent mode ({@code uet}) and Microsoft Clarity's consentv2
 * ({@code clarity}). {@link #normalized} fills the defaults: both Microsoft signals on.
 */
public record SiteSignals(@Valid GppSettings gpp, Boolean uet, Boolean clarity) {

    public static final SiteSignals DEFAULTS = new SiteSignals(GppSettings.DEFAULTS, true, true);

    /** Every setting present: absent ones take their default. */
    public SiteSignals normalized() {
        return new SiteSignals(gpp == null ? GppSettings.DEFAULTS : gpp.normalized(), uet == null || uet,
                clarity == null || clarity);
    }
}
