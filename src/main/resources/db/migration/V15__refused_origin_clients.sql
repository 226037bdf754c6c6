-- Refused origins are ranked by the distinct clients refused (short hashes of their address
-- prefixes, at most 50 kept per origin), so made-up Origin headers from one client cannot push
-- out an origin that many visitors meet. Origins not refused for a while are deleted
-- (consent.refused-origins.expire-after); this is operational data, not evidence.
alter table refused_origin add column clients text[] not null default '{}';

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant delete on refused_origin to consent_app;
    end if;
end $$;
