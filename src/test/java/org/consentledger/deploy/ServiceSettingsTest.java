package org.consentledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The deploy tests' notion of "a variable the service reads" knows the real ones and no others. */
class ServiceSettingsTest {

    private final ServiceSettings settings = ServiceSettings.load();

    @Test
    void variablesOfEveryKindOfSettingAreKnown() {
        assertThat(settings.reads("QUARKUS_DATASOURCE_JDBC_URL")).isTrue();
        assertThat(settings.reads("QUARKUS_DATASOURCE_PASSWORD")).isTrue();
        assertThat(settings.reads("QUARKUS_FLYWAY_USERNAME")).isTrue();
        assertThat(settings.reads("QUARKUS_SHUTDOWN_TIMEOUT")).isTrue();
        assertThat(settings.reads("QUARKUS_HTTP_PORT")).isTrue();
        assertThat(settings.reads("QUARKUS_MANAGEMENT_HOST")).isTrue();
        assertThat(settings.reads("MP_JWT_VERIFY_PUBLICKEY_LOCATION")).isTrue();
        assertThat(settings.reads("CONSENT_LEDGER_SIGNING_KEY_FILE")).isTrue();
        assertThat(settings.reads("CONSENT_EDGE_TRUSTED_PROXIES")).isTrue();
        assertThat(settings.reads("CONSENT_EMBEDDED_POSTGRES_PORT")).isTrue();
    }

    @Test
    void aMisspelledOrForeignVariableIsNot() {
        assertThat(settings.reads("CONSENT_LEDGER_SIGNNG_KEY")).isFalse();
        assertThat(settings.reads("QUARKUS_DATASOURCE_JDBC_URI")).isFalse();
        assertThat(settings.reads("CONSENT_AUDIT_DATASOURCE_URL")).isFalse();
        assertThat(settings.reads("JAVA_OPTS")).isFalse();
        assertThat(settings.reads("POSTGRES_PASSWORD")).isFalse();
    }
}
