package org.consentledger.consent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Without its writer thread the service takes events and never acknowledges them; only a restart
 * brings it back, so that is not live. A database outage is not this: the writer answers 503 and
 * carries on, and readiness reports it.
 */
@Liveness
@ApplicationScoped
public class EventWriterLiveness implements AsyncHealthCheck {

    @Inject EventWriter writer;

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().item(HealthCheckResponse.named("event-writer").status(writer.alive()).build());
    }
}
