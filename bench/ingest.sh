#!/usr/bin/env bash
# Ingestion throughput and latency against a pgbench baseline, in one run on this machine.
# Usage: bench/ingest.sh [seconds=30] [client counts="32"]   e.g. bench/ingest.sh 30 "1 8 32 128"
# Baseline: pgbench inserting the same row shape into the same table, one transaction per row,
# synchronous_commit on, at the same client count. Every acknowledged eventId is checked.
source "$(dirname "$0")/lib.sh"
DURATION=${1:-30}
CLIENTS=${2:-32}

build
fresh_database
start_service
create_site
SITE_ID=$(sql "select id from site where site_key = 'bench'")
sql "show synchronous_commit" | grep -qx on || { echo "synchronous_commit must be on" >&2; exit 1; }

# The same row shape the service writes: an ACCEPT_ALL from Germany with its outcome.
cat > "$WORK/pgbench-insert.sql" <<SQL
insert into consent_event (event_id, site_id, visitor_id, type, document_version_ids, categories, basis, outcome,
  country, eea, jurisdiction_source, page_url, language, user_agent, ip_prefix, gpc, client_time, received_at,
  request_hash, retain_until)
values (gen_random_uuid(), '$SITE_ID', gen_random_uuid(), 'ACCEPT_ALL', '{}', null, 'EXPLICIT',
  '{"basis":"EXPLICIT","categories":{"analytics":"GRANTED","functional":"GRANTED","marketing":"GRANTED","necessary":"GRANTED"},"acknowledged":[]}',
  'DE', true, 'HEADER', 'https://www.example.com/article/42', 'en-US', 'Mozilla/5.0 (X11; Linux x86_64) bench',
  '127.0.0.0/24', false, null, now(), md5(random()::text) || md5(random()::text),
  (date_trunc('month', now() at time zone 'UTC') + interval '27 months')::date);
SQL

export ACK_DIR="$WORK"
run_wrk() { # connections, seconds, [pace ms]
  rm -f "$WORK"/acks-*.txt
  PACE_MS=${3:-} wrk -t"$(( $1 < 2 ? 1 : 2 ))" -c"$1" -d"$2s" --latency -s "$BENCH_DIR/post-event.lua" \
    "$BASE_URL/api/v1/sites/bench/events" > "$WORK/wrk.txt"
  RATE=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
  P50=$(sed -n 's/.*p50=\([0-9.]*\).*/\1/p' "$WORK/wrk.txt")
  P99=$(sed -n 's/.*p99=\([0-9.]*\).*/\1/p' "$WORK/wrk.txt")
  FAILED=$(sed -n 's/.*failed=\([0-9]*\).*/\1/p' "$WORK/wrk.txt")
  check_acknowledged
}

echo "Warming up the service (30 s)"
run_wrk 32 30

RESULTS="$WORK/results.md"
{
  echo "| clients | service events/s | pgbench rows/s | ratio | service p50 ms | service p99 ms | non-2xx | acknowledged | missing |"
  echo "|---|---|---|---|---|---|---|---|---|"
} > "$RESULTS"
for c in $CLIENTS; do
  threads=$(( c < 2 ? 1 : 2 ))
  run_wrk "$c" "$DURATION"
  service_rate=$RATE; service_p50=$P50; service_p99=$P99; acked=$ACKED; missing=$MISSING; failed=$FAILED
  max_connections=$(sql "show max_connections")
  if [ $(( c + 40 )) -le "$max_connections" ]; then
    pg_rate=$(pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -n -c "$c" -j "$threads" -T "$DURATION" \
      -f "$WORK/pgbench-insert.sql" "$BENCH_DB" 2>"$WORK/pgbench.err" | awk '/^tps/ {printf "%.0f", $3; exit}')
    ratio=$(awk -v a="$service_rate" -v b="$pg_rate" 'BEGIN {printf "%.2fx", a / b}')
  else
    # pgbench needs one server connection per client, beyond max_connections here.
    pg_rate="n/a (max_connections $max_connections)"
    ratio="n/a"
  fi
  echo "| $c | $service_rate | $pg_rate | $ratio | $service_p50 | $service_p99 | $failed | $acked | $missing |" \
    | tee -a "$RESULTS"
  [ "$missing" = "0" ] || { echo "MISSING: $missing acknowledged events are not in the database" >&2; exit 1; }
  LAST_MAX=$service_rate
  LAST_CLIENTS=$c
done

# Latency at half the maximum throughput, paced: each connection waits between requests.
half=$(awk -v r="$LAST_MAX" 'BEGIN {printf "%d", r / 2}')
pace=$(awk -v c="$LAST_CLIENTS" -v r="$half" 'BEGIN {printf "%d", c * 1000 / r}')
run_wrk "$LAST_CLIENTS" "$DURATION" "$pace"
{
  echo
  echo "| at half the maximum | offered events/s | achieved events/s | p50 ms | p99 ms | missing |"
  echo "|---|---|---|---|---|---|"
  echo "| $LAST_CLIENTS clients, ${pace} ms pacing | $half | $RATE | $P50 | $P99 | $MISSING |"
} >> "$RESULTS"
echo
cat "$RESULTS"
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; PostgreSQL $(sql 'show server_version'); $(java -version 2>&1 | head -1)"
