package org.consentledger.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;

/**
 * Ready means the database answers now. The probe runs on its own thread with its own deadline,
 * so a frozen database makes readiness DOWN within seconds instead of hanging the check, and at
 * most one probe is ever outstanding: checks that come while it hangs report DOWN at once.
 * It replaces the datasource's built-in check, which has no deadline.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    private final DataSource dataSource;
    private final int timeoutSeconds;
    private final ExecutorService prober = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "database-readiness");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Void> probe;

    DatabaseReadiness(DataSource dataSource, DatabaseConfig config) {
        this.dataSource = dataSource;
        this.timeoutSeconds = config.readinessTimeout();
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        CompletableFuture<HealthCheckResponse> answer = currentProbe().copy()
                .orTimeout(timeoutSeconds, TimeUnit.SECONDS)
                .handle((ok, failure) -> failure == null
                        ? HealthCheckResponse.up("database")
                        : HealthCheckResponse.named("database").down()
                                .withData("reason", reason(failure)).build());
        return Uni.createFrom().completionStage(answer);
    }

    private synchronized CompletableFuture<Void> currentProbe() {
        if (probe == null || probe.isDone()) {
            probe = CompletableFuture.runAsync(this::selectOne, prober);
        }
        return probe;
    }

    private void selectOne() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(timeoutSeconds);
            st.execute("select 1");
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
    }

    private static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof TimeoutException ? "no answer within the readiness timeout" : "the database refused or failed";
    }

    @PreDestroy
    void stop() {
        prober.shutdownNow();
    }
}
