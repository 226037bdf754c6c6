-- Identity linking (issue 23): a site's backend links a visitor id (the banner's first-party
-- cookie) to the site's own account id, so that the person's records can be found across devices.
-- The account id is never stored: only HMAC-SHA256(the site's pseudonymisation secret, userId),
-- as 64 lower-case hex digits (identity.UserIds).

-- One secret per site, 32 random bytes made by the service the first time the site needs one. It
-- is never exported, never put in the ledger and never answered: with it, anyone could confirm a
-- guessed account id. It never changes (every stored hash depends on it), so the application's
-- role may only read it and add the first one.
create table site_pseudonym_secret (
    site_id     uuid         primary key references site (id),
    secret      bytea        not null check (octet_length(secret) = 32),
    created_at  timestamptz  not null
);

-- Every link and unlink, in order: the history of which visitor ids belonged to which (hashed)
-- account. Append-only and in the ledger (source identity_event). A link that replaces another
-- visitor's link is written as the old link's UNLINKED, then the new LINKED, in one transaction.
create table identity_event (
    id          bigint        generated always as identity primary key,
    site_id     uuid          not null references site (id),
    visitor_id  uuid          not null,
    user_hash   char(64)      not null check (user_hash ~ '^[0-9a-f]{64}$'),
    type        varchar(16)   not null check (type in ('LINKED', 'UNLINKED')),
    actor       varchar(255)  not null,
    at          timestamptz   not null
);
create index identity_event_user_idx on identity_event (site_id, user_hash, id);
create index identity_event_visitor_idx on identity_event (site_id, visitor_id, id);

select make_append_only('identity_event');
create trigger identity_event_to_ledger after insert on identity_event
    for each row execute function ledger_enqueue_record('identity_event');

-- The links in force, for reads: at most one account per visitor id. Rewritten in the same
-- transaction as the identity_event rows that say why; linked_by names the LINKED event (no
-- foreign key, as in retention_purge: a TRUNCATE of identity_event meets its own refusal first).
create table identity_link (
    site_id     uuid      not null references site (id),
    visitor_id  uuid      not null,
    user_hash   char(64)  not null,
    linked_by   bigint    not null,
    primary key (site_id, visitor_id)
);
create index identity_link_user_idx on identity_link (site_id, user_hash);

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant select, insert on site_pseudonym_secret to consent_app;
        grant select, insert, update, delete on identity_link to consent_app;
    end if;
end $$;
