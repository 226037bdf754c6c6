-- One index per key (issue 25, step 2). An eventId was indexed twice: by consent_event_key's
-- primary key, which claims it, and by consent_event (event_id) in every partition. The key now
-- holds its event's row id, so a lookup goes key -> (row id, partition) -> the partition's primary
-- key, and the second index goes: one index entry fewer for every event written.
alter table consent_event_key add column event_row_id bigint;

-- Keys written before this migration get their event's row id; keys of purged events keep none.
-- The append-only trigger is off only inside this migration's transaction, for this one update.
alter table consent_event_key disable trigger consent_event_key_append_only;
update consent_event_key k set event_row_id = e.id from consent_event e
    where e.event_id = k.event_id and e.retain_until = k.retain_until;
alter table consent_event_key enable trigger consent_event_key_append_only;

-- The identity column's value is assigned before BEFORE triggers run, so new.id is the row's id.
create or replace function claim_event_key() returns trigger language plpgsql as $$
begin
    insert into consent_event_key (event_id, retain_until, event_row_id) values (new.event_id, new.retain_until, new.id)
        on conflict (event_id) do nothing;
    if not found then
        return null;
    end if;
    return new;
end $$;

drop index consent_event_event_id_idx;
