package org.consentledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.consentledger.consent.EventType;
import org.consentledger.support.Api;
import org.consentledger.support.ChromiumTestBase;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The charts' axes span the days they show, and the tables beside them fit on a laptop's screen. */
@QuarkusTest
class ConsoleChartsBrowserTest extends ChromiumTestBase {

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

    @Test
    void atALaptopsWidthTheTablesBesideTheChartsShowEveryColumn() {
        String siteKey = Api.siteWithPolicies();
        for (EventType type : EventType.values()) { // a column for each
            Api.postEvent(siteKey, type.name());
        }
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.auditor())) {
            console.go("overtime?site=" + siteKey);
            console.find("table[data-chart='category-shares']");

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cut = (List<Map<String, Object>>) console.browser().script(
                    "return [...document.querySelectorAll('.chart-and-table .table-wrap')]"
                            + ".map(w => ({ table: w.getAttribute('aria-label'), width: w.clientWidth, needs: w.scrollWidth }))"
                            + ".filter(w => w.needs > w.width)");
            assertThat(console.browser().script("return window.innerWidth")).isEqualTo(1280L);
            assertThat(cut).as("tables that scroll sideways at 1280 px").isEmpty();
            console.browser().script("document.getElementById('events-by-type').scrollIntoView()");
            console.screenshot("console-overtime-1280");
        }
    }

    /** The labels the chart drew under its time axis, as it recorded them when it drew. */
    private static List<String> xAxisLabels(ConsoleSession console, String chartId) {
        String selector = "#" + chartId + " .chart[data-x-labels]";
        return List.of(console.find(selector).getAttribute("data-x-labels").split(","));
    }
}
