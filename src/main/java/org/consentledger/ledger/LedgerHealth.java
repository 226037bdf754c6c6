package org.consentledger.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.Wellness;

/**
 * The ledger's integrity, on /q/health and /q/health/well. It is neither liveness nor readiness:
 * a halted signer must not stop ingestion (events are still recorded and queued), nor make an
 * orchestrator restart the service, which would hide the alarm.
 */
@Wellness
@ApplicationScoped
public class LedgerHealth implements HealthCheck {

    private final SignedHead signedHead;
    private final Instance<LedgerAlarm> alarms;

    LedgerHealth(SignedHead signedHead, @Any Instance<LedgerAlarm> alarms) {
        this.signedHead = signedHead;
        this.alarms = alarms;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("ledger").up();
        signedHead.halted().ifPresentOrElse(reason -> response.down().withData("signing", reason),
                () -> response.withData("signing", "extends every checkpoint this signer signed"));
        for (LedgerAlarm alarm : alarms) {
            alarm.raised().ifPresentOrElse(reason -> response.down().withData(alarm.name(), reason),
                    () -> response.withData(alarm.name(), "ok"));
        }
        return response.build();
    }
}
