package org.consentledger.ledger;

import jakarta.enterprise.context.ApplicationScoped;

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

    LedgerHealth(SignedHead signedHead) {
        this.signedHead = signedHead;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("ledger");
        signedHead.halted().ifPresentOrElse(reason -> response.down().withData("signing", reason),
                () -> response.up().withData("signing", "extends every checkpoint this signer signed"));
        return response.build();
    }
}
