package org.consentledger.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.consentledger.support.LogCapture;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** One JSON line per refusal, or per interval with the rest counted; never a full address. */
class LimitLogTest {

    @Test
    void withoutAnIntervalEveryRefusalHasItsOwnLine() {
        List<String> lines = refusals(Duration.ZERO, 3);
        assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(line).contains("\"suppressed\":0"));
    }

    @Test
    void withinTheIntervalFurtherRefusalsAreCountedNotWritten() {
        List<String> lines = refusals(Duration.ofHours(1), 3);
        assertThat(lines).singleElement().satisfies(line -> assertThat(line)
                .isEqualTo("{\"event\":\"rate-limited\",\"reason\":\"client-rate\",\"route\":\"POST /x\","
                        + "\"client\":\"198.51.100.0/24\",\"site\":null,\"cost\":1,\"retryAfter\":2,\"suppressed\":0}"));
    }

    private static List<String> refusals(Duration interval, int count) {
        LimitLog log = new LimitLog(new ObjectMapper(), config(interval));
        try (LogCapture security = LogCapture.of(LimitLog.CATEGORY)) {
            for (int i = 0; i < count; i++) {
                log.rateLimited("client-rate", "POST /x", "198.51.100.0/24", null, 1, 2);
            }
            return security.records().stream().map(LogCapture::message).toList();
        }
    }

    private static LimitsConfig config(Duration interval) {
        return new LimitsConfig() {
            public boolean enabled() {
                return true;
            }

            public double clientRate() {
                return 1;
            }

            public int clientBurst() {
                return 1;
            }

            public double siteRate() {
                return 1;
            }

            public int siteBurst() {
                return 1;
            }

            public double receiptRate() {
                return 1;
            }

            public int receiptBurst() {
                return 1;
            }

            public int maxTrackedClients() {
                return 10;
            }

            public Duration logInterval() {
                return interval;
            }
        };
    }
}
