package org.consentledger.banner;

import java.net.URL;

import org.consentledger.support.BannerSites;
import org.consentledger.support.BannerSites.BannerSite;
import org.consentledger.support.Browser;
import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.common.http.TestHTTPResource;

/** Each browser test gets its own site, whose origin is the test server; skipped without Chromium. */
abstract class BrowserTestBase {

    @TestHTTPResource("/")
    URL server;

    protected BannerSite site;

    @BeforeEach
    void createSite() {
        Browser.assumeInstalled();
        site = BannerSites.create(server);
    }
}
