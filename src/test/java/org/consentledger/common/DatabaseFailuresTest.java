package org.consentledger.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which failures are the database being away (503, retry) and which are bugs (500). */
class DatabaseFailuresTest {

    @ParameterizedTest
    @ValueSource(strings = { "08006", "08001", "57014", "55P03", "57P01", "53300" })
    void connectionLossTimeoutsLocksAndShutdownAreUnavailability(String sqlState) {
        Exception wrapped = new IllegalStateException("Could not record consent events", new SQLException("x", sqlState));
        assertThat(DatabaseFailures.isUnavailable(new CompletionException(wrapped))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "23505", "42P01", "22001", "P0001" })
    void constraintSyntaxAndTriggerErrorsAreNot(String sqlState) {
        assertThat(DatabaseFailures.isUnavailable(new IllegalStateException(new SQLException("x", sqlState)))).isFalse();
    }

    @Test
    void anExhaustedPoolAndAnExpiredBudgetAreUnavailability() {
        assertThat(DatabaseFailures.isUnavailable(new SQLException("Acquisition timeout while waiting for new connection",
                new TimeoutException()))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new SQLTransientConnectionException("gone"))).isTrue();
        assertThat(DatabaseFailures.isUnavailable(new CompletionException(new TimeoutException()))).isTrue();
        // What Agroal hands a caller whose wait for a new connection it cut short.
        assertThat(DatabaseFailures.isUnavailable(new InterruptedException())).isTrue();
    }

    /** Agroal's wordings for a wait for a connection that ran out or was cut short, without a SQLSTATE or cause. */
    @ParameterizedTest
    @ValueSource(strings = { "Acquisition timeout while waiting for new connection", "Sorry, acquisition timeout!",
            "Interrupted while acquiring" })
    void eitherOfThePoolsTimeoutMessagesIsUnavailability(String message) {
        assertThat(DatabaseFailures.isUnavailable(new SQLException(message))).isTrue();
    }

    @Test
    void aBugIsNot() {
        assertThat(DatabaseFailures.isUnavailable(new NullPointerException())).isFalse();
        assertThat(DatabaseFailures.isUnavailable(new SQLException("no state"))).isFalse();
    }
}
