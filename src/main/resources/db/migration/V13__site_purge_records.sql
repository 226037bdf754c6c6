-- Per-site purge records. A purge record (PURGE_EVENTS) counts the events of every site it removed
-- (bySite), so it cannot be shown to the auditors of one site, nor be put in one visitor's
-- evidence package, without naming the other sites. Each purge now also writes, in the same
-- transaction, one admin log entry per site it removed events of (PURGE_SITE_EVENTS, target type
-- SITE, target the site key): that site's count and the SHA-256 of its eventIds, each followed by
-- a line feed, in ascending order. Like every admin log entry it becomes a ledger leaf, and it is
-- the one an evidence package holds. The whole-log record stays as it was, for the export.

-- Which per-site record (and ledger leaf) tells a site about the purge of a day.
create table retention_purge_site (
    retain_until  date    not null,
    site_key      text    not null,
    admin_log_id  bigint  not null,  -- no foreign key, as in retention_purge
    primary key (site_key, retain_until)
);

create trigger retention_purge_site_append_only before update or delete on retention_purge_site
    for each row execute function refuse_rewrite();
create trigger retention_purge_site_no_truncate before truncate on retention_purge_site
    for each statement execute function refuse_rewrite();
revoke update, delete, truncate on retention_purge_site from public;

-- The per-site entry of one site, written by the purge below and by the backfill at the end. Not
-- for callers: it runs with the rights of whoever calls it, and only the owner's functions do.
create function record_site_purge(day date, site text, purge_id bigint, purged_by text, site_events bigint,
                                  digest text, rule jsonb) returns bigint
language plpgsql set search_path from current as $$
declare
    log_id bigint;
begin
    insert into admin_log (at, actor, action, target_type, target, before, after)
        values (now(), purged_by, 'PURGE_SITE_EVENTS', 'SITE', site, null,
                jsonb_build_object('purge', purge_id, 'retainUntil', day::text, 'events', site_events,
                                   'eventIdsSha256', digest, 'rule', rule))
        returning id into log_id;
    insert into retention_purge_site (retain_until, site_key, admin_log_id) values (day, site, log_id);
    return log_id;
end $$;
revoke execute on function record_site_purge(date, text, bigint, text, bigint, text, jsonb) from public;

-- As in V10, plus the per-site records. The caller states each site's part of the partition
-- ({siteKey: {events, eventIdsSha256}}); the parts must add up to the events the partition holds.
drop function purge_event_partition(date, bigint, jsonb, text);

create function purge_event_partition(kept_until date, stated_events bigint, record jsonb, purged_by text, sites jsonb)
returns bigint
language plpgsql security definer set search_path from current as $$
declare
    partition text := 'consent_event_' || to_char(kept_until, 'YYYY_MM');
    events bigint;
    log_id bigint;
    site record;
begin
    if kept_until > current_date or extract(day from kept_until) <> 1 then
        raise exception 'purge_event_partition: events kept until % may not be purged on %', kept_until, current_date
            using errcode = 'invalid_parameter_value';
    end if;
    perform pg_advisory_xact_lock(hashtext('consent_event partitions'));
    perform set_config('lock_timeout', '5s', true);
    if to_regclass(partition) is null then
        return null;
    end if;
    execute format('select count(*) from %I', partition) into events;
    if events <> stated_events or events <> (select coalesce(sum((value ->> 'events')::bigint), 0)
                                             from jsonb_each(sites)) then
        raise exception 'purge_event_partition: % holds % events, not % (nor the sum of its sites'' parts)',
                partition, events, stated_events
            using errcode = 'invalid_parameter_value';
    end if;
    execute format('alter table consent_event detach partition %I', partition);
    execute format('drop table %I', partition);
    if events = 0 then
        return null;
    end if;
    insert into admin_log (at, actor, action, target_type, target, before, after)
        values (now(), purged_by, 'PURGE_EVENTS', 'consent_event', kept_until::text, null,
                record || jsonb_build_object('events', events, 'retainUntil', kept_until::text))
        returning id into log_id;
    insert into retention_purge (retain_until, admin_log_id, events, purged_at, site_keys)
        values (kept_until, log_id, events, now(), array(select jsonb_object_keys(sites)));
    for site in select key, value from jsonb_each(sites) order by key loop
        perform record_site_purge(kept_until, site.key, log_id, purged_by, (site.value ->> 'events')::bigint,
                                  site.value ->> 'eventIdsSha256', record -> 'rule');
    end loop;
    return log_id;
end $$;

-- Purges made before this migration get their per-site records now, from the counts their
-- record states. Their eventIds are gone with their partitions, so these carry no digest (null).
do $$
declare
    purge record;
    site_key text;
begin
    for purge in select p.retain_until, p.site_keys, a.id, a.actor, a.after from retention_purge p
                 join admin_log a on a.id = p.admin_log_id order by p.retain_until loop
        for site_key in select k from unnest(purge.site_keys) k order by k loop
            perform record_site_purge(purge.retain_until, site_key, purge.id, purge.actor,
                                      (purge.after -> 'bySite' ->> site_key)::bigint, null, purge.after -> 'rule');
        end loop;
    end loop;
end $$;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant select on retention_purge_site to consent_app;
        grant execute on function purge_event_partition(date, bigint, jsonb, text, jsonb) to consent_app;
    end if;
end $$;
