package org.consentledger.support;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.resource.jdbc.spi.StatementInspector;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;

/** Hands the SQL Hibernate sends to {@link SqlRecorder}; it records only on a thread that asked it to. */
@PersistenceUnitExtension
@ApplicationScoped
public class RecordingStatementInspector implements StatementInspector {

    @Override
    public String inspect(String sql) {
        SqlRecorder.sent(sql);
        return sql;
    }
}
