package org.consentledger.signals;

import java.util.List;

import org.consentledger.jurisdiction.Jurisdiction;
import org.consentledger.jurisdiction.Mode;

/**
 * The signals the banner gives this visitor's page, in the notice: the GPP section to emit (null
 * outside the US opt-out regime, where the banner answers {@code applicableSections [-1]}), and
 * whether to feed Microsoft's UET consent mode and Clarity.
 */
public record NoticeSignals(Gpp gpp, boolean uet, boolean clarity) {

    /** California's subdivision, whose own GPP section (usca) a site may ask for. */
    static final String CALIFORNIA = "US-CA";

    /**
     * The GPP sections to emit, by their names in the GPP specification ({@code usnat}, and
     * {@code usca} for a Californian on a site that asked for state sections), and the site's MSPA
     * fields.
     */
    public record Gpp(List<String> sections, boolean mspaCoveredTransaction, GppSettings.MspaMode mspaMode) {
    }

    public static NoticeSignals of(SiteSignals site, Jurisdiction visitor, Mode mode) {
        return new NoticeSignals(gpp(site.gpp(), visitor, mode), site.uet(), site.clarity());
    }

    /**
     * US state laws are opt-out laws, and GPP's US sections carry their opt-outs: emitted for a US
     * visitor whose regime is the opt-out one, never for one a site holds to a stricter regime.
     */
    private static Gpp gpp(GppSettings settings, Jurisdiction visitor, Mode mode) {
        if (mode != Mode.OPT_OUT || !"US".equals(visitor.country())) {
            return null;
        }
        List<String> sections = settings.stateSections() && CALIFORNIA.equals(visitor.region())
                ? List.of("usnat", "usca") : List.of("usnat");
        return new Gpp(sections, settings.mspaCoveredTransaction(), settings.mspaMode());
    }
}
