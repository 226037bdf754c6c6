package org.consentledger.policy;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A policy version's text in another language. Immutable, like the version it translates. */
@Entity
@Table(name = "policy_translation")
public class PolicyTranslation {

    @Id
    @Column(updatable = false)
    public UUID id;

    @Column(name = "policy_version_id", updatable = false, nullable = false)
    public UUID policyVersionId;

    @Column(updatable = false, nullable = false)
    public String language;

    @Column(updatable = false, nullable = false)
    public String title;

    @Column(updatable = false, nullable = false)
    public String url;

    @Column(updatable = false, nullable = false)
    public String content;

    @Column(name = "eea_addendum", updatable = false)
    public String eeaAddendum;

    @Column(name = "published_at", updatable = false, nullable = false)
    public Instant publishedAt;

    @Column(name = "published_by", updatable = false, nullable = false)
    public String publishedBy;

    @Column(updatable = false, nullable = false)
    public String sha256;
}
