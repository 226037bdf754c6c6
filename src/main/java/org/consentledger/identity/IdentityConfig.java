package org.consentledger.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Linking visitor ids to a site's account ids. */
@ConfigMapping(prefix = "consent.identity")
public interface IdentityConfig {

    /**
     * How many visitor ids may be linked to one account at a time: a person's browsers and
     * devices, far below this; a backend that links every visitor to one account is refused. It
     * also bounds a decisions query: 1,000 accounts read at most 100,000 visitor ids' rows.
     */
    @WithDefault("100")
    int maxVisitorsPerUser();
}
