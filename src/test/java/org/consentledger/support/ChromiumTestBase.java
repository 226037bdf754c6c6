package org.consentledger.support;

import java.net.URL;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * A browser test, tagged {@code browser} (inherited): skipped without Chromium, it shares one
 * Chromium ({@link Chromium}) with the other browser tests of its test profile.
 */
@Tag("browser")
public abstract class ChromiumTestBase {

    @TestHTTPResource("/")
    protected URL server;

    @BeforeEach
    void needsChromium() {
        Browser.assumeInstalled();
    }
}
