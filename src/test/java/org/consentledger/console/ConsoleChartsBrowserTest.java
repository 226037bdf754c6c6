package org.consentledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.consentledger.support.Api;
import org.consentledger.support.Browser;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The charts' axes span the days they show. */
@QuarkusTest
class ConsoleChartsBrowserTest {

    @TestHTTPResource("/")
    URL server;

    @BeforeEach
    void needsChromium() {
        Browser.assumeInstalled();
    }

    @Test
    void aChartOfOneDayLabelsItsAxisWithThatDay() {
        String siteKey = Api.siteWithPolicies();
        String material = Api.publish(siteKey, "PRIVACY_POLICY", "2.0", true);
        Api.postEvent(siteKey, "ACCEPT_ALL");
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.auditor())) {
            console.go("reconsent?site=" + siteKey + "&versionId=" + material);

            assertThat(console.rows("table[data-chart='reconsent-days']")).hasSize(1);
            assertThat(xAxisLabels(console, "reconsent-days")).containsExactly(LocalDate.now(ZoneOffset.UTC).toString());
            console.screenshot("console-reconsent-one-day");
        }
    }

    /** The labels the chart drew under its time axis, as it recorded them when it drew. */
    private static List<String> xAxisLabels(ConsoleSession console, String chartId) {
        String selector = "#" + chartId + " .chart[data-x-labels]";
        return List.of(console.find(selector).getAttribute("data-x-labels").split(","));
    }
}
