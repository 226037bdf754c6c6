package org.consentledger.support;

import java.util.Map;

/** The categories of a site made by {@link Api#createSite}, as an outcome or a decision grants them. */
public final class Grants {

    public static final Map<String, String> ALL_GRANTED = Map.of("necessary", "GRANTED", "functional", "GRANTED",
            "analytics", "GRANTED", "marketing", "GRANTED");
    public static final Map<String, String> ONLY_NECESSARY = Map.of("necessary", "GRANTED", "functional", "DENIED",
            "analytics", "DENIED", "marketing", "DENIED");

    private Grants() {
    }
}
