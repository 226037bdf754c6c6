-- Smaller rows (issue 25, step 5): an event's outcome (basis, each category granted or denied, the
-- versions acknowledged) is kept once per site in the event_text dictionary of V26, as kind 'O',
-- and each event names it by id. A site has a handful of category combinations per notice, so an
-- event keeps an 8-byte id instead of about 170 bytes of jsonb. The value is the outcome's JSON as
-- the writer made it; readers use it where an event names one, and the inline column otherwise
-- (events written before this migration, or by another writer).
--
-- An entry lives as long as the events that name it, as user agents and page URLs do: the writer
-- raises its keep_until, and retention deletes it after the last partition that could name it.
alter table event_text drop constraint event_text_kind_check;
alter table event_text add constraint event_text_kind_check check (kind in ('U', 'P', 'O'));

alter table consent_event alter column outcome drop not null;
alter table consent_event add column outcome_id bigint;
-- Every event still has an outcome, in one place or the other: an event without one could not
-- become a ledger record, and would hold up the sequencer for every site.
alter table consent_event add constraint consent_event_outcome_kept check (outcome is not null or outcome_id is not null);
