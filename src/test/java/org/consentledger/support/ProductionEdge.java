package org.consentledger.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Two settings as production has them, where the test profile has them otherwise: no demo
 * ({@code consent.demo.enabled} off), and the trusted edge on another machine (192.0.2.1), so
 * the tests' own requests from 127.0.0.1 come from an untrusted client. One profile for both,
 * since each profile costs the suite a build and a start of the service.
 */
public class ProductionEdge implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("consent.demo.enabled", "false", "consent.edge.trusted-proxies", "192.0.2.1");
    }
}
