package org.consentledger.banner;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BannerScriptResourceTest {

    private static final String SCRIPT = "/banner/v1/banner.js";

    private static byte[] served() {
        return given().get(SCRIPT).then().statusCode(200).extract().asByteArray();
    }

    @Test
    void theScriptIsServedCacheableWithAnEtagAndReadableFromAnyOrigin() {
        given().header("Origin", "https://shop.example.net").get(SCRIPT)
                .then().log().ifValidationFails().statusCode(200)
                .contentType(containsString("text/javascript"))
                .header("Cache-Control", containsString("max-age=3600"))
                .header("ETag", matchesPattern("\"[0-9a-f]{32}\""))
                .header("Access-Control-Allow-Origin", equalTo("*"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .body(containsString("window.ConsentLedger"));
    }

    @Test
    void aMatchingIfNoneMatchGetsNotModified() {
        String etag = given().get(SCRIPT).then().statusCode(200).extract().header("ETag");

        given().header("If-None-Match", etag).get(SCRIPT)
                .then().log().ifValidationFails().statusCode(304)
                .header("ETag", equalTo(etag))
                .body(emptyString());
        given().header("If-None-Match", "\"something-else\"").get(SCRIPT).then().statusCode(200);
    }

    @Test
    void theReadmeDocumentsTheSubresourceIntegrityHashOfTheServedScript() throws IOException, NoSuchAlgorithmException {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Matcher documented = Pattern.compile("integrity=\"(sha384-[A-Za-z0-9+/=]+)\"").matcher(readme);
        assertThat(documented.find()).as("README shows an integrity attribute").isTrue();

        byte[] digest = MessageDigest.getInstance("SHA-384").digest(served());

        assertThat(documented.group(1)).isEqualTo("sha384-" + Base64.getEncoder().encodeToString(digest));
    }

    /** About 9 KB before window.__gpp, the IAB's GPP API, which with its encoder costs about 3 KB more. */
    @Test
    void theScriptIsUnderTwelveKilobytesGzipped() throws IOException {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(served());
        }

        assertThat(gzipped.size()).isLessThan(12 * 1024);
    }
}
