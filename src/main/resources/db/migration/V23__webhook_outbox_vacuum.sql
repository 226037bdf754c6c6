-- The webhook outbox is a queue: each delivery leaves dead row versions, and their entries stay at
-- the front of the due index (V21) until vacuum removes them, so every claim walks them (190
-- buffers per endpoint and claim, 10 ms a claim, in bench/webhooks.sh).
-- - PostgreSQL's default waits for a fifth of the table to be dead; this table is vacuumed once a
--   thousand rows are, as often as autovacuum comes by, without the cost delay.
-- - Half of each page stays free, so that the lease (webhook.DeliveryClaims), which changes no
--   indexed column, writes its row version on the same page as a heap-only tuple: no index entry,
--   and one dead entry per delivery instead of two.
alter table webhook_delivery set (fillfactor = 50, autovacuum_vacuum_scale_factor = 0,
    autovacuum_vacuum_threshold = 1000, autovacuum_vacuum_cost_delay = 0);
