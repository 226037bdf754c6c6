-- Smaller rows (issue 25, step 5): user agents and page URLs are stored once per site in a
-- dictionary, and each event names them by id. A site's visitors send a few hundred distinct user
-- agents and pages, repeated millions of times, so an event keeps 16 bytes of ids instead of about
-- 170 bytes of text (a real user agent is 100 to 140 characters).
--
-- A value is kept while any event that names it is: keep_until is the latest retain_until of the
-- events written with it (the writer raises it, consent.EventTexts), and retention deletes the
-- values whose keep_until has passed once no partition up to that day is left
-- (consent.EventTextRetention). A page URL or user agent therefore never outlives its events.
-- Per site, so that no tenant's values are shared with another, and so that the table shards
-- with its events (docs/scaling.md).
create table event_text (
    id          bigint generated always as identity primary key,
    site_id     uuid    not null,
    kind        char(1) not null check (kind in ('U', 'P')),
    value       text    not null check (char_length(value) <= 2048),
    keep_until  date    not null
);
-- Unique by digest: a value may be longer than a btree entry can be. convert_to is only stable in
-- general, but this database's encoding never changes under it, so the digest is immutable here.
create function event_text_digest(value text) returns bytea language sql immutable parallel safe
    as $$ select sha256(convert_to(value, 'UTF8')) $$;
create unique index event_text_value on event_text (site_id, kind, event_text_digest(value));
create index event_text_keep_until on event_text (keep_until);

-- Events written before this migration keep their text in the old columns, which readers use when
-- an event names no dictionary entry.
alter table consent_event add column user_agent_id bigint, add column page_url_id bigint;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant select, insert, update, delete on event_text to consent_app;
        execute format('grant usage, select on sequence %s to consent_app', pg_get_serial_sequence('event_text', 'id'));
    end if;
end $$;
