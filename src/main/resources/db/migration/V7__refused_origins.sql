-- Origins the public banner API refused per site (BannerCors): a page whose origin the site does
-- not list. Admins read them to find a missing origin. This is operational data, not evidence:
-- the service adds up refusals in memory and upserts the totals periodically, so a flood of
-- refused requests is a few writes, not one per request. It is not a ledger source.
create table refused_origin (
    site_id     uuid         not null references site (id),
    origin      varchar(300) not null,
    refusals    bigint       not null check (refusals > 0),
    first_seen  timestamptz  not null,
    last_seen   timestamptz  not null,
    primary key (site_id, origin)
);

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant select, insert, update on refused_origin to consent_app;
    end if;
end $$;
