-- Helpers for the migrations that add tables to the ledger's path from here on (issue 22): a new
-- table gets the same refusals, privileges and ledger feed as those before it in one line each,
-- instead of a copy of V2's blocks. LedgerPath.TABLES must name each such table too: it expects
-- the triggers these make, by name, and checks nothing else has been added.

-- Append-only as in V2: triggers refuse UPDATE, DELETE and TRUNCATE whatever the role
-- (refuse_rewrite comes from V2), PUBLIC loses those privileges, and the application's role may
-- read and append, with the table's identity or serial sequences. Without the role (the owner
-- could not create it, V2) the grants are left to the operator. Not for callers: it runs with the
-- rights of whoever calls it, and only migrations, as the owner, do.
create function make_append_only(table_name text) returns void
language plpgsql set search_path from current as $$
declare
    owned_sequence regclass;
begin
    execute format('create trigger %I before update or delete on %I for each row execute function refuse_rewrite()',
                   table_name || '_append_only', table_name);
    execute format('create trigger %I before truncate on %I for each statement execute function refuse_rewrite()',
                   table_name || '_no_truncate', table_name);
    execute format('revoke update, delete, truncate on %I from public', table_name);
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        execute format('grant select, insert on %I to consent_app', table_name);
        for owned_sequence in select s.oid::regclass from pg_class s join pg_depend d on d.objid = s.oid
                              where s.relkind = 'S' and d.classid = 'pg_class'::regclass
                                and d.refobjid = format('%I', table_name)::regclass and d.deptype in ('a', 'i') loop
            execute format('grant usage, select on sequence %s to consent_app', owned_sequence);
        end loop;
    end if;
end $$;
revoke execute on function make_append_only(text) from public;

-- Queues each inserted row for the ledger, as the ledger_enqueue_* functions of V2 to V8 do for
-- their tables. The trigger's first argument is the record kind (ledger_queue.source, a kind the
-- ledger's record sources know), the second the column holding the record's key (id when left
-- out), whose text is the record_key. A migration attaches it to a new table with:
--   create trigger t_to_ledger after insert on t
--       for each row execute function ledger_enqueue_record('kind');
create function ledger_enqueue_record() returns trigger language plpgsql as $$
declare
    key_value text := to_jsonb(new) ->> coalesce(tg_argv[1], 'id');
begin
    if tg_nargs < 1 or key_value is null then
        raise exception 'ledger_enqueue_record on %: needs a record kind, and a key column that holds a value',
                tg_table_name
            using errcode = 'invalid_parameter_value';
    end if;
    insert into ledger_queue (source, record_key) values (tg_argv[0], key_value);
    return new;
end $$;
