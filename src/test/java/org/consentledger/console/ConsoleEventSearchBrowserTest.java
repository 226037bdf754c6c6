package org.consentledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;

import org.consentledger.consent.EventType;
import org.consentledger.support.Api;
import org.consentledger.support.ChromiumTestBase;
import org.consentledger.support.Tokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.junit.QuarkusTest;

/** The event search filters by every type of event the service records. */
@QuarkusTest
class ConsoleEventSearchBrowserTest extends ChromiumTestBase {

    @Test
    void theTypeFilterOffersEveryEventTypeAndFindsOptOuts() {
        String siteKey = Api.siteWithPolicies();
        Api.fromCountry("US").header(Api.REGION_HEADER, "CA").body(Api.event("OPTED_OUT"))
                .post("/api/v1/sites/" + siteKey + "/events").then().statusCode(201);
        Api.postEvent(siteKey, "ACCEPT_ALL");
        try (ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.auditor())) {
            console.go("events?site=" + siteKey);

            Select type = new Select(console.find("#filter-type"));
            assertThat(type.getOptions()).extracting(o -> o.getAttribute("value")).containsExactlyElementsOf(
                    Stream.concat(Stream.of(""), Arrays.stream(EventType.values()).map(Enum::name)).toList());
            type.selectByValue("OPTED_OUT");
            WebElement search = console.find("#search-button");
            console.redrawnAfter(search::click);

            assertThat(console.rows("#events-table")).hasSize(1).allSatisfy(row -> assertThat(row.get(1)).isEqualTo("OPTED_OUT"));
        }
    }
}
