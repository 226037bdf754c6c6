-- Languages. A site has a default language; a policy version is published in one language and
-- may gain translations later; a site may override the banner's built-in texts per language.

alter table site add column default_language varchar(35) not null default 'en';

-- Null on versions published before this migration: they are in the site's default language.
-- Their ledger records stay as they were hashed.
alter table policy_version add column language varchar(35);

-- A policy version's text in another language. Never changed; sha256 follows the policy
-- fingerprint rule with the version's kind and label and no change summary. No foreign key to
-- policy_version (the service checks the version exists): a key there would answer a TRUNCATE
-- of policy_version before its append-only trigger does, as V3 explains for the ledger.
create table policy_translation (
    id                 uuid primary key,
    policy_version_id  uuid          not null,
    language           varchar(35)   not null,
    title              varchar(300)  not null,
    url                varchar(2048) not null,
    content            text          not null,
    eea_addendum       text,
    published_at       timestamptz   not null,
    published_by       varchar(255)  not null,
    sha256             varchar(64)   not null,
    constraint policy_translation_language_unique unique (policy_version_id, language)
);

-- A site's own words for the banner in one language, overriding the built-in texts. Each set is
-- a new version; the latest per language applies.
create table banner_text_set (
    id          uuid primary key,
    site_id     uuid          not null references site (id),
    language    varchar(35)   not null,
    version     integer       not null,
    texts       jsonb         not null,
    created_at  timestamptz   not null,
    created_by  varchar(255)  not null,
    constraint banner_text_set_version_unique unique (site_id, language, version)
);

create function ledger_enqueue_policy_translation() returns trigger language plpgsql as $$
begin
    insert into ledger_queue (source, record_key) values ('policy_translation', new.id::text);
    return new;
end $$;

create function ledger_enqueue_banner_text_set() returns trigger language plpgsql as $$
begin
    insert into ledger_queue (source, record_key) values ('banner_text_set', new.id::text);
    return new;
end $$;

create trigger policy_translation_to_ledger after insert on policy_translation
    for each row execute function ledger_enqueue_policy_translation();
create trigger banner_text_set_to_ledger after insert on banner_text_set
    for each row execute function ledger_enqueue_banner_text_set();

do $$
declare
    t text;
begin
    foreach t in array array['policy_translation', 'banner_text_set'] loop
        execute format('create trigger %I before update or delete on %I for each row execute function refuse_rewrite()',
                       t || '_append_only', t);
        execute format('create trigger %I before truncate on %I for each statement execute function refuse_rewrite()',
                       t || '_no_truncate', t);
        execute format('revoke update, delete, truncate on %I from public', t);
    end loop;
end $$;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant select, insert on policy_translation, banner_text_set to consent_app;
    end if;
end $$;
