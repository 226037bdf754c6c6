-- Sites are the only mutable records; every change to them is kept in admin_log.
create table site (
    id                          uuid primary key,
    site_key                    varchar(64)  not null unique,
    name                        varchar(200) not null,
    origins                     text[]       not null,
    categories                  text[]       not null,
    implied_consent_categories  text[]       not null,
    created_at                  timestamptz  not null,
    updated_at                  timestamptz  not null
);

-- Published policy versions are immutable; a new version supersedes an old one.
create table policy_version (
    id              uuid primary key,
    site_id         uuid          not null references site (id),
    kind            varchar(32)   not null check (kind in ('PRIVACY_POLICY', 'TERMS_OF_USE', 'COOKIE_POLICY')),
    version         varchar(64)   not null,
    title           varchar(300)  not null,
    url             varchar(2048) not null,
    content         text          not null,
    eea_addendum    text,
    material        boolean       not null,
    change_summary  text,
    effective_at    timestamptz   not null,
    published_at    timestamptz   not null,
    published_by    varchar(255)  not null,
    sha256          varchar(64)   not null,
    constraint policy_version_label_unique unique (site_id, kind, version)
);
create index policy_version_current_idx on policy_version (site_id, kind, published_at desc);

-- Consent events are append-only. event_id is the client's idempotency key; id orders them.
create table consent_event (
    id                    bigint generated always as identity primary key,
    event_id              uuid          not null unique,
    site_id               uuid          not null references site (id),
    visitor_id            uuid          not null,
    type                  varchar(32)   not null,
    document_version_ids  uuid[]        not null,
    categories            text[],
    basis                 varchar(16)   not null,
    outcome               jsonb         not null,
    country               char(2),
    eea                   boolean       not null,
    jurisdiction_source   varchar(16)   not null,
    page_url              varchar(2048),
    language              varchar(35),
    user_agent            varchar(512),
    ip_prefix             varchar(64),
    gpc                   boolean       not null,
    client_time           timestamptz,
    received_at           timestamptz   not null,
    request_hash          char(64)      not null
);
create index consent_event_site_idx on consent_event (site_id, id);
create index consent_event_visitor_idx on consent_event (site_id, visitor_id, id);
create index consent_event_received_idx on consent_event (site_id, received_at, id);
create index consent_event_documents_idx on consent_event using gin (document_version_ids);

-- Who changed what on the admin side, with the state before and after.
create table admin_log (
    id           bigint generated always as identity primary key,
    at           timestamptz  not null,
    actor        varchar(255) not null,
    action       varchar(64)  not null,
    target_type  varchar(32)  not null,
    target       varchar(255) not null,
    before       jsonb,
    after        jsonb
);
