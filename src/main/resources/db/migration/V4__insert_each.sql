-- The group commit's fallback (consent.EventStore). A batch of events goes in as one INSERT, and
-- when the database refuses one row that statement fails whole. Rather than retrying the batch
-- event by event (a statement and a commit per event), the writer sends this one statement: it
-- runs the caller's single-row INSERT for each row in a subtransaction of its own and reports, per
-- row, the key inserted or the SQLSTATE that refused it. The caller writes that INSERT from its own
-- column list, so the columns stay described in one place; $1 is the row (from 1), $2 every cell,
-- column after column (cell k * row_count + row), $3 the row count. The function has the caller's
-- rights only (security invoker): it can do nothing the caller could not.
create function insert_each(statement text, cells text[], row_count integer)
    returns table (item integer, inserted_key text, refused_with text)
    language plpgsql as $$
begin
    for i in 1 .. row_count loop
        item := i;
        inserted_key := null;
        refused_with := null;
        begin
            execute statement into inserted_key using i, cells, row_count;
        exception when others then
            refused_with := sqlstate;
        end;
        return next;
    end loop;
end
$$;
