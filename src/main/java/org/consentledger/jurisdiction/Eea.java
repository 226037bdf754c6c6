package org.consentledger.jurisdiction;

import java.util.Set;

/** The European Economic Area: the 27 EU member states plus Iceland, Liechtenstein and Norway. */
public final class Eea {

    static final Set<String> COUNTRIES = Set.of(
            "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
            "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
            "IS", "LI", "NO");

    private Eea() {
    }

    public static boolean contains(String isoCountry) {
        return COUNTRIES.contains(isoCountry);
    }
}
