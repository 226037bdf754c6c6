-- A site's retention period is bounded at 120 months (issue 21; RetentionPeriods.MAX_MONTHS says
-- why). A site set longer before keeps the events it has, each until the day fixed when it
-- arrived; its new events are kept 120 months. The change is written to the admin log, and so to
-- the ledger, like any change to a site.
insert into admin_log (at, actor, action, target_type, target, before, after)
    select now(), 'migration V14', 'SITE_RETENTION_BOUNDED', 'SITE', site_key,
           jsonb_build_object('retentionMonths', retention_months), jsonb_build_object('retentionMonths', 120)
    from site where retention_months > 120 order by site_key;
update site set retention_months = 120, updated_at = now() where retention_months > 120;
alter table site drop constraint site_retention_months_check;
alter table site add constraint site_retention_months_check check (retention_months between 1 and 120);

-- An empty monthly partition beyond the longest period (120 months, plus one and a margin of
-- three): made ahead under the old bound, it only slows every query on consent_event. The
-- retention job drops them one call, and one transaction, each: a thousand at once would exhaust
-- the lock table. A partition holding an event, or within reach of a period, is kept.
create function drop_empty_event_partition(kept_until date) returns boolean
language plpgsql security definer set search_path from current as $$
declare
    partition text := 'consent_event_' || to_char(kept_until, 'YYYY_MM');
    holds_events boolean;
begin
    if kept_until <= (date_trunc('month', current_date) + interval '124 months')::date then
        return false;
    end if;
    perform pg_advisory_xact_lock(hashtext('consent_event partitions'));
    perform set_config('lock_timeout', '5s', true);
    if to_regclass(partition) is null then
        return false;
    end if;
    -- No event can be routed to it between the look and the drop.
    lock table consent_event in access exclusive mode;
    execute format('select exists (select 1 from %I)', partition) into holds_events;
    if holds_events then
        return false;
    end if;
    execute format('drop table %I', partition);
    return true;
end $$;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant execute on function drop_empty_event_partition(date) to consent_app;
    end if;
end $$;
