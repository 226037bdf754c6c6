package org.consentledger.database;

import io.smallrye.config.ConfigMapping;

/**
 * How long the service waits for PostgreSQL, in whole seconds. The values live in
 * application.properties, which hands the first four to the datasource and its JDBC driver, so
 * that a database that is down, frozen or locked costs a request seconds, not minutes.
 */
@ConfigMapping(prefix = "consent.db")
public interface DatabaseConfig {

    /** The server cancels a statement that runs longer (PostgreSQL's statement_timeout). */
    int statementTimeout();

    /** The server cancels a statement that waits longer for a lock (lock_timeout). */
    int lockTimeout();

    /** The driver gives up on a server that sends nothing for this long (socketTimeout). */
    int socketTimeout();

    /** The driver gives up opening a connection after this long (connectTimeout and loginTimeout). */
    int connectTimeout();

    /** A request waits at most this long for a pooled connection (Agroal's acquisition timeout). */
    int acquisitionTimeout();

    /** The readiness check answers DOWN when the database has not answered within this. */
    int readinessTimeout();
}
