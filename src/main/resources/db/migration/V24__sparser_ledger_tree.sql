-- The ledger's tree keeps its nodes from level 4 up. Levels 1 to 3 were 15 of every 16 node rows
-- (about 100 bytes and an index entry per event); a proof needs at most three of them, and
-- LedgerNodes hashes those again from the 2 to 8 leaves under each. Nothing is lost: every deleted
-- node is a hash of leaves that stay. The append-only trigger is off only inside this migration's
-- transaction, for this one deletion.
alter table ledger_node disable trigger ledger_node_append_only;
delete from ledger_node where level < 4;
alter table ledger_node enable trigger ledger_node_append_only;
