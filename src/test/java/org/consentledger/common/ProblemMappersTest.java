package org.consentledger.common;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;

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
}
