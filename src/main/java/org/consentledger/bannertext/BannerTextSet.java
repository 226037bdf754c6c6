package org.consentledger.bannertext;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A site's own banner texts for one language, as one immutable version. The latest applies. */
@Entity
@Table(name = "banner_text_set")
public class BannerTextSet {

    @Id
    @Column(updatable = false)
    public UUID id;

    @Column(name = "site_id", updatable = false, nullable = false)
    public UUID siteId;

    @Column(updatable = false, nullable = false)
    public String language;

    @Column(updatable = false, nullable = false)
    public int version;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(updatable = false, nullable = false, columnDefinition = "jsonb")
    public Map<String, String> texts;

    @Column(name = "created_at", updatable = false, nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", updatable = false, nullable = false)
    public String createdBy;
}
