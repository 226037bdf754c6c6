package org.consentledger.jurisdiction;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The body of a rules version: the regimes, the one for a known country no regime lists
 * ({@code elsewhere}), and the one for a visitor whose country is unknown or untrusted
 * ({@code unknown}). A region's regime wins over its country's.
 */
public record RulesDocument(List<Regime> regimes, String elsewhere, String unknown) {

    public Regime byCode(String code) {
        return regimes.stream().filter(r -> r.code().equals(code)).findFirst().orElse(null);
    }

    /** The regime for a visitor in {@code country} (null: unknown) and, if known, {@code region}. */
    public Regime regimeFor(String country, String region) {
        if (country == null) {
            return byCode(unknown);
        }
        if (region != null) {
            for (Regime regime : regimes) {
                if (regime.regions().contains(region)) {
                    return regime;
                }
            }
        }
        for (Regime regime : regimes) {
            if (regime.countries().contains(country)) {
                return regime;
            }
        }
        return byCode(elsewhere);
    }

    /**
     * Every regime a visitor may get under a site override key: {@code *} (any known country), a
     * country, or a region.
     */
    public List<Regime> reachableFrom(String key) {
        List<Regime> reachable = new ArrayList<>();
        if (key.equals(Regimes.EVERYWHERE)) {
            regimes.stream().filter(r -> !r.countries().isEmpty() || !r.regions().isEmpty()).forEach(reachable::add);
            reachable.add(byCode(elsewhere));
        } else if (key.length() == 2) {
            reachable.add(regimeFor(key, null));
            regimes.stream().filter(r -> r.regions().stream().anyMatch(region -> region.startsWith(key + "-")))
                    .forEach(reachable::add);
        } else {
            reachable.add(regimeFor(key.substring(0, 2), key));
        }
        return reachable.stream().filter(Objects::nonNull).distinct().toList();
    }
}
