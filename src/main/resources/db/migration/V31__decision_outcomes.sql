-- Smaller rows (issue 25, step 5, its last part): a visitor's standing decision names its outcome
-- in the event_text dictionary (V28) instead of copying the jsonb: consent_decision holds one row
-- per visitor, and the outcome was most of it. The decision names the very entry its deciding
-- event names, which lives as long as that event, and a purge that drops the event refreshes the
-- decision in the same transaction (consent.DecisionStore). Readers take the dictionary's value
-- where a decision names one, and the inline column otherwise (decisions of events whose outcome
-- is inline: written before V28, or by another writer).
alter table consent_decision alter column outcome drop not null;
alter table consent_decision add column outcome_id bigint;
alter table consent_decision add constraint consent_decision_outcome_kept check (outcome is not null or outcome_id is not null);

update consent_decision d set outcome_id = e.outcome_id, outcome = null from consent_event e
    where e.site_id = d.site_id and e.id = d.event_row_id and e.retain_until = d.retain_until and e.outcome_id is not null;
