-- Proof of display: every distinct notice the service has served, kept once, exactly as served.
-- notice_id is the SHA-256 of the rendering's canonical JSON, so the row proves its own content;
-- the ledger commits to it like any other record.
create table rendered_notice (
    notice_id        char(64)     primary key,
    site_id          uuid         not null references site (id),
    rendering        text         not null,  -- canonical JSON, byte for byte what was hashed
    first_served_at  timestamptz  not null
);
create index rendered_notice_site_idx on rendered_notice (site_id);

-- The notice a visitor saw, as the banner states it and the server checked it was served.
alter table consent_event add column notice_id char(64);

create function ledger_enqueue_rendered_notice() returns trigger language plpgsql as $$
begin
    insert into ledger_queue (source, record_key) values ('rendered_notice', new.notice_id);
    return new;
end $$;

create trigger rendered_notice_to_ledger after insert on rendered_notice
    for each row execute function ledger_enqueue_rendered_notice();
create trigger rendered_notice_append_only before update or delete on rendered_notice
    for each row execute function refuse_rewrite();
create trigger rendered_notice_no_truncate before truncate on rendered_notice
    for each statement execute function refuse_rewrite();
revoke update, delete, truncate on rendered_notice from public;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant select, insert on rendered_notice to consent_app;
    end if;
end $$;
