-- Cheap figures for the day in progress, and re-consent progress from rolled-up days.
--
-- audit_day also holds a snapshot of each day not complete yet (today, and yesterday until its
-- grace period is over): as_of is the instant up to which the snapshot counted the events, null
-- on a complete day. A newer snapshot replaces an older one, the complete day replaces any
-- snapshot, and nothing replaces a complete day.
alter table audit_day add column as_of timestamptz;

-- Re-consent progress to a policy version (audit.ReconsentDays), per UTC day since it took effect:
-- how many visitors had on that day their first event since effectiveAt (new_seen), and their
-- first event other than NOTICE_SHOWN naming the version (new_on_version). Cumulative sums give
-- the endpoint's figures. as_of as in audit_day. Derived from consent_event, not evidence.
-- No foreign key to policy_version: TRUNCATE of that append-only table must meet its own refusal,
-- not a foreign key's (AppendOnlyTest).
create table reconsent_day (
    version_id      uuid         not null,
    day             date         not null,
    new_seen        bigint       not null,
    new_on_version  bigint       not null,
    as_of           timestamptz,
    rolled_up_at    timestamptz  not null,
    primary key (version_id, day)
);

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant update on audit_day to consent_app;
        grant select, insert, update on reconsent_day to consent_app;
    end if;
end $$;
