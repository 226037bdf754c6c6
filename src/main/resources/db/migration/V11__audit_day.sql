-- The auditors' daily figures per site (audit.DailyRollup): for each complete UTC day, the event
-- counts and the deciding visitors' grants, overall, by regime and by policy version, as one jsonb
-- document. A cache derived from consent_event, not evidence and not a ledger source: a day is
-- written once, after it has ended, and a missing day is computed from the events instead. No
-- key to consent_event, which may be partitioned.
create table audit_day (
    site_id       uuid         not null references site (id),
    day           date         not null,
    figures       jsonb        not null,
    rolled_up_at  timestamptz  not null,
    primary key (site_id, day)
);

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant select, insert on audit_day to consent_app;
    end if;
end $$;
