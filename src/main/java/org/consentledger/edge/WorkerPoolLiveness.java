package org.consentledger.edge;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Live means the service can still serve: a trivial task gets a worker thread within the
 * timeout. When every worker is stuck, nothing blocking can be answered, and an orchestrator
 * should restart the process rather than keep routing to it. The check itself runs on the event
 * loop, so it answers even then.
 */
@Liveness
@ApplicationScoped
public class WorkerPoolLiveness implements AsyncHealthCheck {

    private final Vertx vertx;
    private final Duration timeout;

    WorkerPoolLiveness(Vertx vertx, EdgeConfig config) {
        this.vertx = vertx;
        this.timeout = config.livenessTimeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return Uni.createFrom().completionStage(() -> vertx.executeBlocking(() -> Boolean.TRUE, false).toCompletionStage())
                .ifNoItem().after(timeout).recoverWithItem(Boolean.FALSE)
                .onFailure().recoverWithItem(Boolean.FALSE)
                .map(served -> HealthCheckResponse.named("worker-pool").status(served).build());
    }
}
