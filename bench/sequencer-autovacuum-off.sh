#!/usr/bin/env bash
# The sequencer behind a backlog, with autovacuum off on every table it touches: N events are
# written straight into consent_event while the service's sequencer is idle, so N records wait in
# ledger_queue; then the service starts sequencing and the rate is N over the time between the
# first and the last leaf (ledger_leaf.sequenced_at). Nothing is vacuumed or analyzed meanwhile.
# Give several service jars to compare them on the same backlog (for example the jar of the
# commit before the append-only queue, then this one); each run gets a fresh database.
# HOLD_SNAPSHOT=1 keeps a read-only repeatable-read transaction open while the service sequences,
# as a pg_dump, a long export or a report on a shared server does: no dead row can be removed or
# marked dead in an index meanwhile.
# Usage: [HOLD_SNAPSHOT=1] bench/sequencer-autovacuum-off.sh [records=200000] [jar ...]
source "$(dirname "$0")/lib.sh"
RECORDS=${1:-200000}
shift || true
JARS=("$@")
[ ${#JARS[@]} -gt 0 ] || JARS=("$ROOT/target/quarkus-app/quarkus-run.jar")
MAX_SECONDS=${MAX_SECONDS:-600}
NO_AUTOVACUUM="consent_event ledger_queue ledger_leaf ledger_node ledger_checkpoint ledger_sequencer_mark"

build
FIGURES=()
for jar in "${JARS[@]}"; do
  export SERVICE_JAR=$jar
  migrated_database
  # A partitioned table (consent_event since V10) takes no storage parameter: its partitions do.
  for table in $NO_AUTOVACUUM; do
    for relation in $(sql "select c.relname from pg_class c where c.relname = '$table' and c.relkind = 'r'
        union all select p.relname from pg_inherits i join pg_class c on c.oid = i.inhparent
        join pg_class p on p.oid = i.inhrelid where c.relname = '$table'"); do
      sql "alter table $relation set (autovacuum_enabled = false)"
    done
  done
  create_site
  seed_events "$RECORDS" queued
  queued=$(sql "select count(*) from ledger_queue")
  if [ "${HOLD_SNAPSHOT:-}" = "1" ]; then
    "${PSQL[@]}" -d "$BENCH_DB" -c "begin isolation level repeatable read" -c "select count(*) from site" \
      -c "select pg_sleep($MAX_SECONDS + 120)" > /dev/null 2>&1 &
    HOLDER_PID=$!
  fi
  start_service
  await_leaves "$queued" "$MAX_SECONDS"
  leaves=$LEAVES
  stop_service
  if [ -n "${HOLDER_PID:-}" ]; then
    kill "$HOLDER_PID" 2>/dev/null || true
    wait "$HOLDER_PID" 2>/dev/null || true
    sql "select pg_terminate_backend(pid) from pg_stat_activity where datname = '$BENCH_DB' and query like 'select pg_sleep%'" > /dev/null
    HOLDER_PID=
  fi
  read -r rate seconds < <(sql "select round(count(*) / greatest(extract(epoch from max(sequenced_at) - min(sequenced_at)), 0.001)),
      round(extract(epoch from max(sequenced_at) - min(sequenced_at))::numeric, 1) from ledger_leaf" | tr '|' ' ')
  dead=$(sql "select coalesce(sum(n_dead_tup), 0) from pg_stat_user_tables where relname like 'ledger_%'")
  sizes=$(sql "select string_agg(relname || ' ' || pg_size_pretty(pg_total_relation_size(oid)), ', ' order by relname),
      pg_size_pretty(sum(pg_total_relation_size(oid)) * 1000000 / $RECORDS)
      from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace
      and relname in ('consent_event', 'ledger_queue', 'ledger_leaf', 'ledger_node', 'ledger_checkpoint')")
  echo "storage: ${sizes%|*}; per million events: ${sizes##*|}"
  echo "$jar: $leaves of $queued queued records sequenced in ${seconds}s: $rate leaves/s ($dead dead ledger rows left)"
  FIGURES+=("$rate")
done
jar_table "leaves/s"
