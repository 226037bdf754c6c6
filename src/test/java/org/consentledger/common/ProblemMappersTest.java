package org.consentledger.common;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;

import org.consentledger.support.LogCapture;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    @Test
    void anOverloadedServiceAnswers503ProblemWithRetryAfter() {
        Response response = new ProblemMappers(null).api(ApiException.overloaded(), null, null);
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("1");
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat(((Problem) response.getEntity()).detail()).contains("nothing was recorded");
    }

    @Test
    void aRateLimitedClientGets429ProblemWithItsRetryAfter() {
        Response response = new ProblemMappers(null).api(ApiException.tooManyRequests(7), null, null);
        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("7");
        assertThat(((Problem) response.getEntity()).type()).isEqualTo("/problems/rate-limited");
    }

    @Test
    void aDatabaseThatCannotAnswerIs503WithRetryAfterNot500() {
        Response response;
        try (LogCapture log = LogCapture.of(ProblemMappers.class)) {
            response = new ProblemMappers(null).unexpected(new IllegalStateException("Could not record consent events",
                    new java.sql.SQLException("I/O error", "08006")), null);
            assertThat(log.records()).singleElement().satisfies(r -> assertThat(LogCapture.message(r))
                    .contains("the database is unavailable").contains("I/O error"));
        }
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("2");
        assertThat(((Problem) response.getEntity()).type()).isEqualTo("/problems/database-unavailable");
    }

    @Test
    void aConflictCarriesNoRetryAfter() {
        assertThat(new ProblemMappers(null).api(ApiException.conflict("x"), null, null).getHeaderString("Retry-After")).isNull();
    }
}
