package org.consentledger.policy;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A published policy document. Immutable: a later version supersedes it, nothing edits it. */
@Entity
@Table(name = "policy_version")
public class PolicyVersion {

    @Id
    @Column(updatable = false)
    public UUID id;

    @Column(name = "site_id", updatable = false, nullable = false)
    public UUID siteId;

    @Enumerated(EnumType.STRING)
    @Column(updatable = false, nullable = false)
    public PolicyKind kind;

    @Column(updatable = false, nullable = false)
    public String version;

    @Column(updatable = false, nullable = false)
    public String title;

    @Column(updatable = false, nullable = false)
    public String url;

    @Column(updatable = false, nullable = false)
    public String content;

    @Column(name = "eea_addendum", updatable = false)
    public String eeaAddendum;

    @Column(updatable = false, nullable = false)
    public boolean material;

    @Column(name = "change_summary", updatable = false)
    public String changeSummary;

    @Column(name = "effective_at", updatable = false, nullable = false)
    public Instant effectiveAt;

    @Column(name = "published_at", updatable = false, nullable = false)
    public Instant publishedAt;

    @Column(name = "published_by", updatable = false, nullable = false)
    public String publishedBy;

    @Column(updatable = false, nullable = false)
    public String sha256;

    /** The language of this text; null on versions published before languages: the site's default. */
    @Column(updatable = false)
    public String language;

    public String languageOr(String siteDefault) {
        return language == null ? siteDefault : language;
    }
}
