-- Each visitor's standing decision on a site (issue 23), for the decisions API and the banner's
-- consent read: one row per (site, visitor), so a read is one index probe and never scans history.
-- A projection derived from consent_event, not evidence, not append-only and not a ledger source.
--
-- The rule: an explicit act (ACCEPT_ALL, REJECT_ALL, PREFERENCES_SAVED, WITHDRAWN, OPTED_OUT)
-- replaces whatever stood; an implied act (BANNER_CLOSED, BROWSING_CONTINUED) replaces only an
-- implied one; NOTICE_SHOWN never counts. Of two acts of the same kind the later one (the higher
-- consent_event.id) stands. So a row always holds the visitor's latest explicit act, or without
-- one their latest implied act, whatever order acts arrive in.
--
-- consent.EventInserts keeps it in the statement that inserts the events (a data-modifying WITH),
-- consent.DecisionStore reads it and refreshes the rows of a purged partition in the purge's
-- transaction. No key to site or consent_event: the event's own key already checks the site, and
-- a foreign key would cost the write path a lookup per row. No index on retain_until either: the
-- monthly purge scans the table once, and the write path keeps its updates HOT.
create table consent_decision (
    site_id               uuid         not null,
    visitor_id            uuid         not null,
    event_row_id          bigint       not null,  -- consent_event.id of the deciding event: which act is later
    event_id              uuid         not null,
    type                  varchar(32)  not null,
    explicit              boolean      not null,
    outcome               jsonb        not null,  -- basis, categories, acknowledged versions, as recorded
    regime                varchar(32),
    rules_version         integer,
    document_version_ids  uuid[]       not null,
    received_at           timestamptz  not null,
    retain_until          date         not null,  -- the deciding event's partition: the purge refreshes by it
    primary key (site_id, visitor_id)
) with (fillfactor = 90);

-- The events recorded so far, by the same rule.
insert into consent_decision (site_id, visitor_id, event_row_id, event_id, type, explicit, outcome, regime,
                              rules_version, document_version_ids, received_at, retain_until)
    select distinct on (site_id, visitor_id) site_id, visitor_id, id, event_id, type,
           type not in ('BANNER_CLOSED', 'BROWSING_CONTINUED'), outcome, regime, rules_version,
           document_version_ids, received_at, retain_until
    from consent_event
    where type <> 'NOTICE_SHOWN'
    order by site_id, visitor_id, type not in ('BANNER_CLOSED', 'BROWSING_CONTINUED') desc, id desc;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant select, insert, update, delete on consent_decision to consent_app;
    end if;
end $$;
