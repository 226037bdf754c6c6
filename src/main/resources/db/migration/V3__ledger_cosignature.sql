-- Witness cosignatures of checkpoints: each line exactly as the witness returned it (a C2SP
-- cosignature/v1 signature line). Appended to the checkpoint's note wherever it is served.
-- No foreign key to ledger_checkpoint, like the other ledger tables: a key there would answer a
-- TRUNCATE of ledger_checkpoint before its append-only trigger does.
create table ledger_cosignature (
    tree_size         bigint       not null,
    witness_key_name  text         not null,
    signature_line    text         not null,
    received_at       timestamptz  not null,
    primary key (tree_size, witness_key_name)
);

-- Append-only like the other ledger tables (refuse_rewrite comes from V2).
create trigger ledger_cosignature_append_only before update or delete on ledger_cosignature
    for each row execute function refuse_rewrite();
create trigger ledger_cosignature_no_truncate before truncate on ledger_cosignature
    for each statement execute function refuse_rewrite();
revoke update, delete, truncate on ledger_cosignature from public;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant select, insert on ledger_cosignature to consent_app;
    end if;
end $$;
