package org.consentledger.adminlog;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One admin change. Written once, never updated. */
@Entity
@Table(name = "admin_log")
public class AdminLogEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(updatable = false)
    public Long id;

    @Column(updatable = false, nullable = false)
    public Instant at;

    @Column(updatable = false, nullable = false)
    public String actor;

    @Column(updatable = false, nullable = false)
    public String action;

    @Column(name = "target_type", updatable = false, nullable = false)
    public String targetType;

    @Column(updatable = false, nullable = false)
    public String target;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(updatable = false)
    public Map<String, Object> before;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(updatable = false)
    public Map<String, Object> after;
}
