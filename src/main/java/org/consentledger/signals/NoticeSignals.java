package org.consentledger.signals;

import java.util.List;
import java.util.Map;

import org.consentledger.jurisdiction.Jurisdiction;
import org.consentledger.jurisdiction.Mode;

/**
 * The signals the banner gives this visitor's page, in the notice: the GPP sections to emit (null
 * outside the US opt-out regime, where the banner answers {@code applicableSections [-1]}), and
 * whether to feed Microsoft's UET consent mode and Clarity.
 */
public record NoticeSignals(Gpp gpp, boolean uet, boolean clarity) {

    /**
     * Each state's own GPP section, by the visitor's subdivision: one for every state of the US
     * opt-out regime, all of them sections the banner encodes.
     */
    static final Map<String, String> STATE_SECTIONS = Map.ofEntries(
            Map.entry("US-CA", "usca"), Map.entry("US-VA", "usva"), Map.entry("US-CO", "usco"),
            Map.entry("US-UT", "usut"), Map.entry("US-CT", "usct"), Map.entry("US-MT", "usmt"),
            Map.entry("US-OR", "usor"), Map.entry("US-TX", "ustx"), Map.entry("US-DE", "usde"),
            Map.entry("US-IA", "usia"), Map.entry("US-NE", "usne"), Map.entry("US-NH", "usnh"),
            Map.entry("US-NJ", "usnj"), Map.entry("US-TN", "ustn"), Map.entry("US-MN", "usmn"),
            Map.entry("US-MD", "usmd"), Map.entry("US-IN", "usin"), Map.entry("US-KY", "usky"),
            Map.entry("US-RI", "usri"));

    /**
     * The GPP sections to emit, by their names in the GPP specification ({@code usnat}, and after it
     * the visitor's state section, such as {@code usva} for a Virginian, on a site that asked for
     * state sections), and the site's MSPA fields.
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
        String state = settings.stateSections() && visitor.region() != null
                ? STATE_SECTIONS.get(visitor.region()) : null;
        List<String> sections = state == null ? List.of("usnat") : List.of("usnat", state);
        return new Gpp(sections, settings.mspaCoveredTransaction(), settings.mspaMode());
    }
}
