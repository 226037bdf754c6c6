-- Regimes: which consent rules apply where, as versioned data (jurisdiction.CurrentRules). Each
-- version is published whole and never changed; a new version supersedes the old one. Every
-- version is a ledger record, so what the rules were on any day can be proven.
create table jurisdiction_rules (
    version       integer      primary key check (version > 0),
    rules         jsonb        not null,
    published_at  timestamptz  not null,
    published_by  varchar(255) not null
);

create function ledger_enqueue_jurisdiction_rules() returns trigger language plpgsql as $$
begin
    insert into ledger_queue (source, record_key) values ('jurisdiction_rules', new.version::text);
    return new;
end $$;

create trigger jurisdiction_rules_to_ledger after insert on jurisdiction_rules
    for each row execute function ledger_enqueue_jurisdiction_rules();

-- Append-only like policy_version (refuse_rewrite comes from V2).
create trigger jurisdiction_rules_append_only before update or delete on jurisdiction_rules
    for each row execute function refuse_rewrite();
create trigger jurisdiction_rules_no_truncate before truncate on jurisdiction_rules
    for each statement execute function refuse_rewrite();
revoke update, delete, truncate on jurisdiction_rules from public;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant select, insert on jurisdiction_rules to consent_app;
    end if;
end $$;

-- Version 1. EEA: the EU 27, Iceland, Liechtenstein, Norway. US-OPT-OUT: the US states with a
-- comprehensive privacy law in force by late 2026. Lifetimes in months (accept / reject), after
-- the CNIL's 13 / 6 where the GDPR applies. DEFAULT is for a country unknown or untrusted.
insert into jurisdiction_rules (version, rules, published_at, published_by) values (1, '{
  "regimes": [
    {
      "code": "EEA",
      "mode": "EXPLICIT",
      "acceptMonths": 13,
      "rejectMonths": 6,
      "countries": [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO"
      ],
      "regions": []
    },
    {
      "code": "UK",
      "mode": "EXPLICIT",
      "acceptMonths": 13,
      "rejectMonths": 6,
      "countries": [
        "GB"
      ],
      "regions": []
    },
    {
      "code": "CH",
      "mode": "EXPLICIT",
      "acceptMonths": 13,
      "rejectMonths": 6,
      "countries": [
        "CH"
      ],
      "regions": []
    },
    {
      "code": "BR",
      "mode": "EXPLICIT",
      "acceptMonths": 12,
      "rejectMonths": 6,
      "countries": [
        "BR"
      ],
      "regions": []
    },
    {
      "code": "US-OPT-OUT",
      "mode": "OPT_OUT",
      "acceptMonths": 12,
      "rejectMonths": 12,
      "countries": [],
      "regions": [
        "US-CA",
        "US-VA",
        "US-CO",
        "US-CT",
        "US-UT",
        "US-TX",
        "US-OR",
        "US-MT",
        "US-IA",
        "US-DE",
        "US-NH",
        "US-NJ",
        "US-NE",
        "US-TN",
        "US-MN",
        "US-MD",
        "US-IN",
        "US-KY",
        "US-RI"
      ]
    },
    {
      "code": "NOTICE",
      "mode": "IMPLIED",
      "acceptMonths": 12,
      "rejectMonths": 12,
      "countries": [],
      "regions": []
    },
    {
      "code": "DEFAULT",
      "mode": "EXPLICIT",
      "acceptMonths": 13,
      "rejectMonths": 6,
      "countries": [],
      "regions": []
    }
  ],
  "elsewhere": "NOTICE",
  "unknown": "DEFAULT"
}'::jsonb, now(), 'migration V5');

-- Each event records the visitor's region and the regime and rules version that decided it.
-- Events recorded before keep nulls.
alter table consent_event
    add column region varchar(6),
    add column regime varchar(32),
    add column rules_version integer;

-- Per site: the categories a "Do Not Sell or Share" opt-out denies, and overrides mapping a
-- country (DE), a region (US-CA) or every country (*) to a stricter regime.
alter table site
    add column sale_or_share_categories text[] not null default '{}',
    add column regime_overrides jsonb not null default '{}';
update site set sale_or_share_categories = '{marketing}' where 'marketing' = any (categories);
