package org.consentledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.consentledger.support.Api;
import org.consentledger.support.ChromiumTestBase;
import org.consentledger.support.Rows;
import org.consentledger.support.Tokens;
import org.consentledger.webhook.Receiver;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** An admin runs a site's webhooks from the console, against a receiver on loopback. */
@QuarkusTest
class ConsoleWebhooksBrowserTest extends ChromiumTestBase {

    /** What the Copy button hands the clipboard, kept where the test can read it. */
    private static final String KEEP_COPIES = "window.copied = [];"
            + "navigator.clipboard.writeText = text => { window.copied.push(text); return Promise.resolve(); };";

    @Inject
    DataSource dataSource;

    @Test
    void anAdminAddsAnEndpointSeesItsSecretOnceSendsATestAndRotatesTheSecret() throws Exception {
        try (Receiver receiver = new Receiver(n -> 204);
                ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.admin())) {
            String siteKey = Api.createSite();
            console.browser().beforeEveryPage(KEEP_COPIES);
            console.go("webhooks?site=" + siteKey);
            console.type("webhook-url", receiver.url("/hook"));
            console.click("event-policy-published");
            console.type("webhook-description", "CRM");
            console.click("create-webhook-button");

            String secret = console.find("#secret-value").getAttribute("value");
            assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
            assertThat(console.find("#secret-warning").getText()).contains("you will not see it again");
            assertThat(focused(console)).as("the focus goes to the secret").isEqualTo("secret-heading");
            console.click("copy-secret");
            awaitText(console, "#secret-copied", "Copied.");
            assertThat(console.browser().script("return window.copied")).isEqualTo(List.of(secret));
            console.screenshot("console-webhooks-secret");
            JsonPath listed = Api.asAdmin().get("/api/v1/admin/sites/" + siteKey + "/webhooks").then().statusCode(200)
                    .extract().jsonPath();
            String id = listed.getString("[0].id");
            assertThat(listed.getList("events")).containsExactly(List.of("consent.changed", "policy.published"));
            assertThat(listed.getString("[0].description")).isEqualTo("CRM");
            assertThat(Rows.text(dataSource, "select secret from webhook_endpoint where id = ?::uuid", id)).isEqualTo(secret);

            console.go("webhooks?site=" + siteKey);
            assertThat(console.find("#endpoint-" + id + " .status").getText()).isEqualTo("Enabled");
            assertThat(console.browser().driver().getPageSource()).as("shown once").doesNotContain(secret);

            console.click("test-" + id);
            List<String> delivery = awaitDelivered(console);
            assertThat(delivery.subList(0, 2)).containsExactly("DELIVERED", "webhook.test");
            assertThat(delivery.subList(3, 5)).containsExactly("1", "204");
            Receiver.Received received = receiver.at("/hook").get(0);
            assertThat(JsonPath.from(received.body()).getString("type")).isEqualTo("webhook.test");
            assertThat(received.header("webhook-signature")).as("signed with the secret the page showed")
                    .isEqualTo("v1," + hmac(secret, received));
            console.go("webhooks?site=" + siteKey);
            assertThat(console.find("#endpoint-" + id + " .last-delivered").getText()).isNotEqualTo("never");
            console.click("log-" + id);
            console.find("#deliveries-table");
            console.browser().script("document.getElementById('delivery-log').scrollIntoView()");
            console.screenshot("console-webhooks");

            console.click("rotate-" + id);
            awaitText(console, "#secret-heading", "The new signing secret");
            String rotated = console.find("#secret-value").getAttribute("value");
            assertThat(rotated).startsWith("whsec_").isNotEqualTo(secret);
            assertThat(console.find("#secret-overlap").getText()).contains("old secret still signs for 24 hours");
            assertThat(Rows.count(dataSource, "select count(*) from webhook_endpoint where id = ?::uuid and secret = ? "
                    + "and previous_secret = ?", id, rotated, secret)).isEqualTo(1);
            console.screenshot("console-webhooks-rotated");
        }
    }

    @Test
    void atPhoneWidthAnAdminEnablesADisabledEndpointRetriesItsFailedDeliveryAndDeletesIt() throws Exception {
        String siteKey = Api.createSite();
        try (Receiver receiver = new Receiver(n -> 200);
                ConsoleSession console = ConsoleSession.open(server).signIn(Tokens.withGroups("admin:" + siteKey))) {
            String id = Api.asAdmin().body(Map.of("url", receiver.url("/hook"), "events", List.of("consent.changed")))
                    .post("/api/v1/admin/sites/" + siteKey + "/webhooks").then().statusCode(201).extract().path("id");
            Rows.execute(dataSource, "update webhook_endpoint set disabled_at = now(), failing_since = now() - interval '5 days', "
                    + "disabled_reason = 'Every delivery failed for 5 days' where id = ?::uuid", id);
            Api.asAdmin().post("/api/v1/admin/sites/" + siteKey + "/webhooks/" + id + "/test").then().statusCode(202);
            Rows.execute(dataSource, "update webhook_delivery set status = 'FAILED', attempts = 13, last_status_code = 500, "
                    + "last_error = 'HTTP 500' where endpoint_id = ?::uuid", id);
            console.browser().screen(375, 800);
            console.go("webhooks"); // the scoped admin's one site is the chosen one

            assertThat(console.find("#endpoint-" + id + " .status").getText()).isEqualTo("Disabled");
            assertThat(console.find("#endpoint-" + id + " .disabled").getText()).endsWith(": Every delivery failed for 5 days");
            assertThat(console.find("#endpoint-" + id + " .failed").getText()).isEqualTo("1");
            assertThat(console.browser().script("return document.documentElement.scrollWidth - window.innerWidth"))
                    .as("no sideways scrolling at 375 px").isEqualTo(0L);
            console.screenshot("console-webhooks-375");

            console.find("#enable-" + id).sendKeys(Keys.ENTER);
            awaitText(console, "#endpoint-" + id + " .status", "Enabled");
            assertThat(focused(console)).isEqualTo("endpoint-title-" + id);
            assertThat(Rows.count(dataSource, "select count(*) from webhook_endpoint where id = ?::uuid and disabled_at is null", id))
                    .isEqualTo(1);

            console.click("log-" + id);
            new Select(console.find("#log-status")).selectByValue("FAILED");
            console.find("#log-rows[data-status='FAILED']");
            String deliveryId = Rows.text(dataSource, "select id from webhook_delivery where endpoint_id = ?::uuid", id);
            console.click("retry-" + deliveryId);
            console.browser().waitFor().withTimeout(Duration.ofSeconds(20)).until(d -> receiver.at("/hook").size() == 1);

            Rows.execute(dataSource, "insert into webhook_delivery (message_id, endpoint_id, event_type, payload, status, attempts, "
                    + "last_status_code, next_attempt_at, created_at, delivered_at) select gen_random_uuid(), ?::uuid, 'webhook.test', "
                    + "'{}'::jsonb, 'DELIVERED', 1, 200, now(), now(), now() from generate_series(1, 30)", id);
            new Select(console.find("#log-status")).selectByValue("");
            console.find("#log-rows[data-status='any']");
            assertThat(console.rows("#deliveries-table")).hasSize(25);
            console.click("log-next");
            console.browser().waitFor().until(d -> console.rows("#deliveries-table").size() == 6);
            assertThat(console.findAll("#log-next")).as("the last page").isEmpty();
            console.click("log-previous");
            console.browser().waitFor().until(d -> console.rows("#deliveries-table").size() == 25);

            console.click("delete-" + id);
            assertThat(focused(console)).as("the safe choice first").isEqualTo("keep-" + id);
            console.browser().driver().switchTo().activeElement().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
            assertThat(focused(console)).isEqualTo("confirm-delete-" + id);
            console.browser().driver().switchTo().activeElement().sendKeys(Keys.ENTER);
            console.browser().waitFor().until(d -> console.findAll("#endpoint-" + id).isEmpty());
            Api.asAdmin().get("/api/v1/admin/sites/" + siteKey + "/webhooks/" + id).then().statusCode(404);
        }
    }

    /** Refreshes the delivery log until its first row is delivered; that row's cells. */
    private static List<String> awaitDelivered(ConsoleSession console) {
        return console.browser().waitFor().withTimeout(Duration.ofSeconds(20)).until(d -> {
            List<List<String>> rows = console.rows("#deliveries-table");
            if (!rows.isEmpty() && rows.get(0).get(0).equals("DELIVERED")) {
                return rows.get(0);
            }
            console.click("log-refresh");
            return null;
        });
    }

    /** Waits until an element, one a redraw may replace meanwhile, shows the text. */
    private static void awaitText(ConsoleSession console, String selector, String text) {
        console.browser().waitFor().withMessage(selector + " to show " + text).until(d -> text.equals(
                console.browser().script("return document.querySelector(arguments[0])?.innerText", selector)));
    }

    private static String focused(ConsoleSession console) {
        return (String) console.browser().script("return document.activeElement.id");
    }

    private static String hmac(String secret, Receiver.Received received) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = received.header("webhook-id") + "." + received.header("webhook-timestamp") + "." + received.body();
        return Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
