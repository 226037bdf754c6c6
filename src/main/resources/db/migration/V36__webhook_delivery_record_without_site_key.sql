-- Each delivery answered 2xx writes a webhook_delivery_record (V20), and its foreign key to site made
-- PostgreSQL look the site up and lock its row once for every record: one lookup per delivery, 3.8 µs
-- each under bench/statements.sh with three endpoints. The record's site is its endpoint's, which
-- the endpoint's own key has checked, and a site row is never deleted, so the key guarded nothing.
-- As webhook_change (V35), the table does without one.
alter table webhook_delivery_record drop constraint webhook_delivery_record_site_id_fkey;
