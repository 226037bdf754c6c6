-- Tamper evidence. Records are queued for the ledger by triggers, so no write path can forget
-- one; the sequencer turns queued records into leaves of an RFC 6962 Merkle tree.

create table ledger_queue (
    id          bigint generated always as identity primary key,
    source      varchar(32) not null,
    record_key  text        not null
);

create table ledger_leaf (
    seq           bigint       primary key,
    source        varchar(32)  not null,
    record_key    text         not null,
    leaf_hash     bytea        not null,
    sequenced_at  timestamptz  not null,
    constraint ledger_leaf_record_unique unique (source, record_key)
);

-- Hashes of complete subtrees (level >= 1; level 0 is ledger_leaf), for proofs in O(log n).
create table ledger_node (
    level  int     not null,
    index  bigint  not null,
    hash   bytea   not null,
    primary key (level, index)
);

create table ledger_checkpoint (
    tree_size   bigint       primary key,
    root_hash   bytea        not null,
    note        text         not null,
    created_at  timestamptz  not null
);

create function ledger_enqueue_event() returns trigger language plpgsql as $$
begin
    insert into ledger_queue (source, record_key) values ('consent_event', new.event_id::text);
    return new;
end $$;

create function ledger_enqueue_policy_version() returns trigger language plpgsql as $$
begin
    insert into ledger_queue (source, record_key) values ('policy_version', new.id::text);
    return new;
end $$;

create function ledger_enqueue_admin_log() returns trigger language plpgsql as $$
begin
    insert into ledger_queue (source, record_key) values ('admin_log', new.id::text);
    return new;
end $$;

create trigger consent_event_to_ledger after insert on consent_event
    for each row execute function ledger_enqueue_event();
create trigger policy_version_to_ledger after insert on policy_version
    for each row execute function ledger_enqueue_policy_version();
create trigger admin_log_to_ledger after insert on admin_log
    for each row execute function ledger_enqueue_admin_log();

-- Records written before this migration join the ledger too, oldest first.
insert into ledger_queue (source, record_key)
    select 'policy_version', id::text from policy_version order by published_at, id;
insert into ledger_queue (source, record_key)
    select 'admin_log', id::text from admin_log order by id;
insert into ledger_queue (source, record_key)
    select 'consent_event', event_id::text from consent_event order by id;

-- Append-only, whatever the role: these tables refuse UPDATE, DELETE and TRUNCATE.
create function refuse_rewrite() returns trigger language plpgsql as $$
begin
    raise exception '% on % is not allowed: the table is append-only', tg_op, tg_table_name
        using errcode = 'insufficient_privilege';
end $$;

do $$
declare
    t text;
begin
    foreach t in array array['consent_event', 'policy_version', 'admin_log', 'ledger_leaf', 'ledger_node',
                             'ledger_checkpoint'] loop
        execute format('create trigger %I before update or delete on %I for each row execute function refuse_rewrite()',
                       t || '_append_only', t);
        execute format('create trigger %I before truncate on %I for each statement execute function refuse_rewrite()',
                       t || '_no_truncate', t);
        execute format('revoke update, delete, truncate on %I from public', t);
    end loop;
end $$;

-- The application's role: it may read and append, never rewrite. Migrations run as the owner.
-- Creating the role needs CREATEROLE; without it the grants are left to the operator.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'consent_app') then
        create role consent_app nologin;
    end if;
exception when insufficient_privilege then
    raise notice 'role consent_app not created: %', sqlerrm;
end $$;

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        execute format('grant usage on schema %I to consent_app', current_schema());
        grant select, insert on consent_event, policy_version, admin_log, ledger_leaf, ledger_node, ledger_checkpoint
            to consent_app;
        grant select, insert, update on site to consent_app;
        grant select, insert, delete on ledger_queue to consent_app;
        execute format('grant usage, select on all sequences in schema %I to consent_app', current_schema());
    end if;
end $$;
