#!/usr/bin/env bash
# Bytes on disk per event: every table of the schema with its indexes and TOAST, the ledger's
# included, after N events have been written and sequenced into the ledger.
# Usage: bench/storage.sh [events=1000000] [jar ...]   (each jar gets a fresh database; the
# default is the jar built from this tree)
#
# The events are the ones bench/lib.sh seeds (the row shape the service writes: a user agent, a
# page URL, an outcome), written with SQL through consent_event's own triggers, so each waits in
# ledger_queue as one the service acknowledged would. consent_decision is then filled by its
# migration's backfill statement. The service starts, sequences them all into ledger_leaf and
# ledger_node and signs a checkpoint; then every table is vacuumed (plain VACUUM, as autovacuum
# would: dead rows become free space, files do not shrink) and measured with
# pg_total_relation_size. A partition counts for its partitioned table. ledger_queue is shown on
# its own line and left out of the total: it holds the backlog, not the history, and its pages
# are reused once vacuumed.
source "$(dirname "$0")/lib.sh"
EVENTS=${1:-1000000}
shift || true
JARS=("$@")
[ ${#JARS[@]} -gt 0 ] || JARS=("$ROOT/target/quarkus-app/quarkus-run.jar")
MAX_SECONDS=${MAX_SECONDS:-1200}

build
FIGURES=()
for jar in "${JARS[@]}"; do
  export SERVICE_JAR=$jar
  migrated_database
  create_site
  seeded_at=$(now)
  seed_events "$EVENTS" queued
  fill_decisions
  echo "$jar: $EVENTS events seeded in $(awk -v a="$seeded_at" -v b="$(now)" 'BEGIN {printf "%.0f", b - a}') s"
  queued=$(sql "select count(*) from ledger_queue")
  start_service
  await_leaves "$queued" "$MAX_SECONDS"
  sleep 5 # the checkpoint after the last batch
  stop_service
  [ "$LEAVES" -ge "$queued" ] || echo "warning: only $LEAVES of $queued records sequenced in $MAX_SECONDS s" >&2
  sql "vacuum"
  echo
  echo "| table | rows | bytes per event, table | indexes | total |"
  echo "|---|---|---|---|---|"
  sql "with t as (
         select coalesce(p.relname, c.relname) as name, c.reltuples, pg_total_relation_size(c.oid) as total,
                pg_indexes_size(c.oid) as indexes
         from pg_class c
         left join pg_inherits i on i.inhrelid = c.oid
         left join pg_class p on p.oid = i.inhparent
         where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace and c.relname not like 'bench%'
           and c.relname <> 'flyway_schema_history')
       select name, sum(greatest(reltuples, 0))::bigint, round((sum(total) - sum(indexes)) / $EVENTS::numeric),
              round(sum(indexes) / $EVENTS::numeric), round(sum(total) / $EVENTS::numeric)
       from t group by name having sum(total) >= $EVENTS order by sum(total) desc" \
    | awk -F'|' '{printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5}'
  total=$(sql "select round(sum(pg_total_relation_size(c.oid)) / $EVENTS::numeric) from pg_class c
       where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace and c.relname not like 'bench%'
         and c.relname not in ('flyway_schema_history', 'ledger_queue')")
  echo
  echo "$jar: $total bytes per event, all tables and indexes but ledger_queue"
  FIGURES+=("$total")
done
jar_table "bytes per event"
