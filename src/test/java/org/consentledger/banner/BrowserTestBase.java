package org.consentledger.banner;

import org.consentledger.support.BannerSites;
import org.consentledger.support.BannerSites.BannerSite;
import org.consentledger.support.ChromiumTestBase;
import org.junit.jupiter.api.BeforeEach;

/** Each browser test gets its own site, whose origin is the test server. */
abstract class BrowserTestBase extends ChromiumTestBase {

    protected BannerSite site;

    @BeforeEach
    void createSite() {
        site = BannerSites.create(server);
    }
}
