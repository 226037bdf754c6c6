-- The events' statement writes a webhook_change row per changed decision (V32), and the foreign key
-- to site made PostgreSQL look the site up and lock its row for each of them. The event's own key
-- has already checked that site in the same statement, and a site row is never deleted, so the key
-- guarded nothing. As consent_decision (V17), the table does without one.
alter table webhook_change drop constraint webhook_change_site_id_fkey;
