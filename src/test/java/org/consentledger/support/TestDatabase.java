package org.consentledger.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers the test database for every @QuarkusTest in the module. */
@QuarkusTestResource(PostgresTestResource.class)
public final class TestDatabase {
    private TestDatabase() {
    }
}
