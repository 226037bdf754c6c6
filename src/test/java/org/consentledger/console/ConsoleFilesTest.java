package org.consentledger.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The console is static files that run nothing inline, under a policy that forbids it. */
@QuarkusTest
class ConsoleFilesTest {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    private static final Path FILES = Path.of("src/main/resources/META-INF/resources/console");

    @Test
    void everyConsoleResponseCarriesAContentSecurityPolicyThatForbidsInlineCode() {
        given().get("/console/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", equalTo(POLICY)).body(containsString("<script type=\"module\" src=\"js/app.js\">"));
        given().get("/console/js/app.js").then().statusCode(200).contentType(containsString("javascript"))
                .header("Content-Security-Policy", equalTo(POLICY));
        given().get("/console/console.css").then().statusCode(200).header("Content-Security-Policy", equalTo(POLICY));
    }

    @Test
    void theFaviconBrowsersAskForOnEveryPageIsServed() {
        byte[] icon = given().get("/favicon.ico").then().statusCode(200).contentType(containsString("image/"))
                .extract().asByteArray();
        assertThat(icon).startsWith(0, 0, 1, 0); // an ICO file's header: reserved 0, type 1 (icon)
    }

    @Test
    void theChartLibraryComesFromTheWebJarOnThisServer() {
        given().get("/webjars/uplot/1.6.30/dist/uPlot.esm.js").then().statusCode(200)
                .contentType(containsString("javascript")).body(containsString("export { uPlot as default }"));
        given().get("/webjars/uplot/1.6.30/dist/uPlot.min.css").then().statusCode(200);
    }

    @Test
    void noConsolePageHoldsAnInlineScriptStyleOrHandler() throws IOException {
        List<Path> pages = files(".html");
        assertThat(pages).isNotEmpty();
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("<[^>]+\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        Pattern style = Pattern.compile("<style|\\sstyle\\s*=|javascript:", Pattern.CASE_INSENSITIVE);
        for (Path page : pages) {
            String html = Files.readString(page);
            assertThat(inlineScript.matcher(html).find()).as(page + " has an inline script").isFalse();
            assertThat(handler.matcher(html).find()).as(page + " has an inline event handler").isFalse();
            assertThat(style.matcher(html).find()).as(page + " has inline style or a javascript: URL").isFalse();
        }
    }

    @Test
    void noConsoleScriptTurnsDataIntoMarkupOrCode() throws IOException {
        Pattern markup = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\(|new Function"
                + "|setAttribute\\(\\s*['\"](on|style)");
        for (Path script : files(".js")) {
            assertThat(markup.matcher(Files.readString(script)).find()).as(script + " builds markup or code from strings").isFalse();
        }
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(FILES)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).toList();
        }
    }
}
