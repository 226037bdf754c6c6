package org.consentledger.ledger;

import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.Wellness;

/**
 * The ledger's integrity, on /q/health and /q/health/well. It is neither liveness nor readiness:
 * an alarm must not stop ingestion (events are still recorded and queued), nor make an
 * orchestrator restart the service, which would hide the alarm. Its data also says whether this
 * replica holds the sequencer lease.
 */
@Wellness
@ApplicationScoped
public class LedgerHealth implements HealthCheck {

    @Any @Inject Instance<LedgerAlarm> alarms;
    @Inject SequencerLease lease;

    @Override
    public HealthCheckResponse call() {
        Map<String, String> raised = new TreeMap<>();
        for (LedgerAlarm alarm : alarms) {
            alarm.raised().ifPresent(reason -> raised.put(alarm.name(), reason));
        }
        HealthCheckResponseBuilder response = HealthCheckResponse.named("ledger").status(raised.isEmpty());
        raised.forEach(response::withData);
        // Which replica sequences: "leader" here, "standby" on every other one.
        response.withData("sequencer", lease.leader() ? "leader" : "standby").withData("replica", lease.replica());
        return response.build();
    }
}
