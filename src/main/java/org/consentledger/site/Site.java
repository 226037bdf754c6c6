package org.consentledger.site;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.consentledger.signals.SiteSignals;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A website that shows the banner. The only record admins may change; each change is logged. */
@Entity
@Table(name = "site")
public class Site {

    /** Always granted, never listed among a site's configurable categories. */
    public static final String NECESSARY = "necessary";
    public static final List<String> DEFAULT_CATEGORIES = List.of("functional", "analytics", "marketing");
    public static final String DEFAULT_LANGUAGE = "en";

    @Id
    @Column(updatable = false)
    public UUID id;

    @Column(name = "site_key", updatable = false, nullable = false)
    public String siteKey;

    @Column(nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> origins;

    /** The optional categories, in display order; {@link #NECESSARY} is implicit. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> categories;

    /** What closing the banner or browsing on grants outside the EEA. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "implied_consent_categories", nullable = false, columnDefinition = "text[]")
    public List<String> impliedConsentCategories;

    /** The language of the site's texts when a visitor's languages match none (BCP 47, default "en"). */
    @Column(name = "default_language", nullable = false)
    public String defaultLanguage;
    /** The categories a "Do Not Sell or Share" opt-out (or GPC, under an opt-out regime) denies. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "sale_or_share_categories", nullable = false, columnDefinition = "text[]")
    public List<String> saleOrShareCategories;

    /** Country ({@code DE}), region ({@code US-CA}) or {@code *} to a stricter regime's code. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "regime_overrides", nullable = false, columnDefinition = "jsonb")
    public Map<String, String> regimeOverrides;

    /** What the banner tells ad and analytics platforms beyond the visitor's choices; always normalized. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public SiteSignals signals;

    /** Where the visitor's regime allows it (the UK's since rules version 2), analytics is set without consent. */
    @Column(name = "uk_analytics_exemption", nullable = false)
    public boolean ukAnalyticsExemption;

    /** Months to keep the site's events; null: 13 months beyond the deciding regime's longest consent lifetime. */
    @Column(name = "retention_months")
    public Integer retentionMonths;

    @Column(name = "created_at", updatable = false, nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
