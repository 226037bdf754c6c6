package org.consentledger.observability;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.QuarkusBindException;
import io.quarkus.runtime.StartupEvent;

/**
 * A taken management port stops the start with the same short message as a taken HTTP port.
 * <p>
 * Quarkus reports a taken HTTP port as "Port 8080 seems to be in use by another process", but a
 * taken management port as three nested exceptions and their stack traces. Its report is made
 * for a {@link QuarkusBindException}, so this tries the management port before the servers
 * open (start-up observers run first) and throws one when it is taken. Another process can
 * still take the port in the moment between; then Quarkus' own report follows.
 */
@ApplicationScoped
class ManagementPort {

    @ConfigProperty(name = "quarkus.management.enabled", defaultValue = "false") @Inject boolean enabled;
    @ConfigProperty(name = "quarkus.management.host", defaultValue = "0.0.0.0") @Inject String host;
    @ConfigProperty(name = "quarkus.management.port", defaultValue = "9000") @Inject int port;

    void checkFree(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) throws BindException {
        if (!enabled || port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            // As Vert.x binds: a port that only lingers after a closed connection counts as free.
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException taken) {
            Log.errorf("The management port %d (/q/metrics) is taken: stop what holds it, or choose another port with "
                    + "QUARKUS_MANAGEMENT_PORT", port);
            throw new QuarkusBindException(host, port, taken);
        } catch (IOException other) {
            // Not a port in use: Quarkus will report it when it binds.
        }
    }
}
