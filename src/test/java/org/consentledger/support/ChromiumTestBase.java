package org.consentledger.support;

import java.net.URL;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * A browser test, tagged {@code browser} (inherited): skipped without Chromium, its tests share one
 * Chromium ({@link Chromium}), which ends with the class.
 */
@Tag("browser")
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
