package org.consentledger.support;

import java.net.URL;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.common.http.TestHTTPResource;

/** A browser test: skipped without Chromium, its tests share one Chromium ({@link Chromium}), which ends with the class. */
public abstract class ChromiumTestBase {

    @TestHTTPResource("/")
    protected URL server;

    @BeforeEach
    void needsChromium() {
        Browser.assumeInstalled();
    }

    @AfterAll
    static void quitSharedBrowser() {
        Chromium.quitShared();
    }
}
