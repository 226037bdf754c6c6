#!/usr/bin/env bash
# Ingestion throughput, latency and CPU per event, against two pgbench baselines, in one run on
# this machine.
# Usage: bench/ingest.sh [seconds=15] [client counts="1 8 32 128"]   e.g. bench/ingest.sh 15 "32"
# Environment: WARMUP (seconds, 120: on a busy 2-core machine the JIT compiler still took about
# 45% of the service's CPU after 60 s of load, and 3% after 150 s; the "of which JIT" column shows
# what is left); BATCH=n sends n events per request to the batch endpoint
# (events/s and CPU per event still count events, not requests); EVENT_IDS=random sends random
# (version 4) eventIds instead of the banner's time-ordered (version 7) ones.
#
# For each client count, in this order, each step waiting first until the ledger sequencer has
# caught up with everything queued before it:
# - the service under wrk: events acknowledged per second, p50/p99, and CPU per acknowledged event
#   of the service (its java process) and of PostgreSQL (the backends of the bench database and the
#   cluster's background processes; wrk, pgbench and other databases excluded);
# - pgbench, one single-row INSERT per transaction (synchronous_commit on), same client count:
#   (plain) into bench_plain_event, the same columns with no partitions, no triggers and one
#   unique index on event_id: what a user gets from the database with no service in front;
#   (real) into consent_event itself, through its partitions and triggers (key claim, ledger
#   queue). The service keeps sequencing these rows meanwhile, as in production.
# CPU comes from /proc (utime + stime) over the steady window: from 2 s after a step starts to 3 s
# before it ends. Events and rows are counted over the same window. A PostgreSQL backend that
# exits inside the window is not counted; the service and pgbench hold their connections.
# Every acknowledged eventId is checked present in consent_event.
source "$(dirname "$0")/lib.sh"
DURATION=${1:-15}
CLIENTS=${2:-"1 8 32 128"}
WARMUP=${WARMUP:-120}
ENDPOINT=events
[ -n "${BATCH:-}" ] && ENDPOINT=events/batch && export BATCH
[ "$DURATION" -ge 8 ] || { echo "steps need at least 8 s" >&2; exit 1; }

build
fresh_database
start_service
create_site
SITE_ID=$(sql "select id from site where site_key = 'bench'")
sql "show synchronous_commit" | grep -qx on || { echo "synchronous_commit must be on" >&2; exit 1; }
sql "create table bench_plain_event (like consent_event including defaults including identity)"
sql "create unique index bench_plain_event_event_id on bench_plain_event (event_id)"

# The same row the service writes: an ACCEPT_ALL from Germany with its outcome.
pgbench_insert() { # table
  cat <<SQL
insert into $1 (event_id, site_id, visitor_id, type, document_version_ids, categories, basis, outcome,
  country, eea, jurisdiction_source, page_url, language, user_agent, ip_prefix, gpc, client_time, received_at,
  request_hash, retain_until)
values (gen_random_uuid(), '$SITE_ID', gen_random_uuid(), 'ACCEPT_ALL', '{}', null, 'EXPLICIT',
  '{"basis":"EXPLICIT","categories":{"analytics":"GRANTED","functional":"GRANTED","marketing":"GRANTED","necessary":"GRANTED"},"acknowledged":[]}',
  'DE', true, 'HEADER', 'https://www.example.com/article/42', 'en-US', 'Mozilla/5.0 (X11; Linux x86_64) bench',
  '127.0.0.0/24', false, null, now(), md5(random()::text) || md5(random()::text),
  (date_trunc('month', now() at time zone 'UTC') + interval '27 months')::date);
SQL
}
pgbench_insert bench_plain_event > "$WORK/pgbench-plain.sql"
pgbench_insert consent_event > "$WORK/pgbench-real.sql"


acks_so_far() { cat "$WORK"/acks-*.txt 2>/dev/null | wc -l; }

# Measures the steady window of a step started at $STEP_START: from 2 s in to 3 s before its end
# (by the clock, so slow queries under load do not push the window past the end). Sets WINDOW_S,
# PG_CPU_S, SERVICE_CPU_S, JIT_CPU_S, and COUNT_BEFORE/COUNT_AFTER from the counter command given.
measure_window() { # seconds counter-command
  sleep_until "$(awk -v s="$STEP_START" 'BEGIN {printf "%.3f", s + 2}')"
  local t0 t1
  COUNT_BEFORE=$($2); cpu_snapshot "$WORK/cpu0" java; t0=$(now)
  sleep_until "$(awk -v s="$STEP_START" -v d="$1" 'BEGIN {printf "%.3f", s + d - 3}')"
  COUNT_AFTER=$($2); cpu_snapshot "$WORK/cpu1" java; t1=$(now)
  WINDOW_S=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f", b - a}')
  read -r PG_CPU_S SERVICE_CPU_S JIT_CPU_S < <(cpu_between "$WORK/cpu0" "$WORK/cpu1")
  # A backend gone before the window closed took its CPU with it: the figure would be too low.
  if awk 'NR == FNR {seen[$1]; next} $1 !~ /^jit:/ && !($1 in seen) && $2 > 0 {gone = 1} END {exit !gone}' "$WORK/cpu1" "$WORK/cpu0"; then
    echo "warning: a PostgreSQL process with CPU time ended inside the window; its CPU is not counted" >&2
  fi
}

sleep_until() { # epoch seconds
  local left
  left=$(awk -v t="$1" -v n="$(now)" 'BEGIN {d = t - n; printf "%.3f", (d > 0 ? d : 0)}')
  sleep "$left"
}


export ACK_DIR="$WORK"
run_wrk() { # connections, seconds, [pace ms]
  rm -f "$WORK"/acks-*.txt
  await_sequencer
  PACE_MS=${3:-} wrk -t"$(( $1 < 2 ? 1 : 2 ))" -c"$1" -d"$2s" --latency -s "$BENCH_DIR/post-event.lua" \
    "$BASE_URL/api/v1/sites/bench/$ENDPOINT" > "$WORK/wrk.txt" &
  STEP_PID=$!
  STEP_START=$(now)
  measure_window "$2" acks_so_far
  wait "$STEP_PID"
  STEP_PID=
  RATE=$(per_second $((COUNT_AFTER - COUNT_BEFORE)) "$WINDOW_S")
  SERVICE_US=$(micros_per "$SERVICE_CPU_S" $((COUNT_AFTER - COUNT_BEFORE)))
  JIT_US=$(micros_per "$JIT_CPU_S" $((COUNT_AFTER - COUNT_BEFORE)))
  PG_US=$(micros_per "$PG_CPU_S" $((COUNT_AFTER - COUNT_BEFORE)) pg)
  P50=$(sed -n 's/.*p50=\([0-9.]*\).*/\1/p' "$WORK/wrk.txt")
  P99=$(sed -n 's/.*p99=\([0-9.]*\).*/\1/p' "$WORK/wrk.txt")
  FAILED=$(sed -n 's/.*failed=\([0-9]*\).*/\1/p' "$WORK/wrk.txt")
  check_acknowledged
  [ "$MISSING" = "0" ] || { echo "MISSING: $MISSING acknowledged events are not in the database" >&2; exit 1; }
}

rows_of() { sql "select coalesce(last_value, 0) from pg_sequences where (schemaname || '.' || sequencename)::regclass = pg_get_serial_sequence('$1', 'id')::regclass"; }
plain_rows() { rows_of bench_plain_event; }
real_rows() { rows_of consent_event; }

run_pgbench() { # clients, seconds, plain|real; sets PGB_RATE and PGB_PG_US
  await_sequencer
  pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -n -c "$1" -j "$(( $1 < 2 ? 1 : 2 ))" -T "$2" \
    -f "$WORK/pgbench-$3.sql" "$BENCH_DB" > "$WORK/pgbench.out" 2> "$WORK/pgbench.err" &
  STEP_PID=$!
  STEP_START=$(now)
  measure_window "$2" "$3_rows"
  wait "$STEP_PID" || { cat "$WORK/pgbench.err" >&2; exit 1; }
  STEP_PID=
  PGB_RATE=$(per_second $((COUNT_AFTER - COUNT_BEFORE)) "$WINDOW_S")
  PGB_PG_US=$(micros_per "$PG_CPU_S" $((COUNT_AFTER - COUNT_BEFORE)) pg)
}

echo "Warming up the service (${WARMUP} s)"
run_wrk 32 "$WARMUP"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2fx", a / b; else print "n/a"}'; }
RESULTS="$WORK/results.md"
{
  echo "| clients | service events/s | CPU µs/event service | of which JIT | CPU µs/event PostgreSQL | CPU µs/event total | p50 ms | p99 ms | non-2xx | acknowledged | missing | pgbench plain rows/s | PostgreSQL µs/row | ratio | pgbench real rows/s | PostgreSQL µs/row | ratio |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$RESULTS"
max_connections=$(sql "show max_connections")
for c in $CLIENTS; do
  run_wrk "$c" "$DURATION"
  total_us=$(awk -v a="$SERVICE_US" -v b="$PG_US" 'BEGIN {if (b == "n/a") print "n/a"; else print a + b}')
  row="| $c | $RATE | $SERVICE_US | $JIT_US | $PG_US | $total_us | $P50 | $P99 | $FAILED | $ACKED | $MISSING"
  service_rate=$RATE
  for table in plain real; do
    if [ $(( c + 40 )) -le "$max_connections" ]; then
      run_pgbench "$c" "$DURATION" "$table"
      row="$row | $PGB_RATE | $PGB_PG_US | $(ratio "$service_rate" "$PGB_RATE")"
    else
      # pgbench needs one server connection per client, beyond max_connections here.
      row="$row | n/a (max_connections $max_connections) | n/a | n/a"
    fi
  done
  echo "$row |" | tee -a "$RESULTS"
  LAST_MAX=$service_rate
  LAST_CLIENTS=$c
done

# Latency at half the maximum throughput, paced: each connection waits between requests.
half=$(awk -v r="$LAST_MAX" 'BEGIN {printf "%d", r / 2}')
pace=$(awk -v c="$LAST_CLIENTS" -v r="$half" -v b="${BATCH:-1}" 'BEGIN {printf "%d", c * 1000 * b / r}')
run_wrk "$LAST_CLIENTS" "$DURATION" "$pace"
{
  echo
  echo "| at half the maximum | offered events/s | achieved events/s | CPU µs/event service | of which JIT | CPU µs/event PostgreSQL | p50 ms | p99 ms | missing |"
  echo "|---|---|---|---|---|---|---|---|---|"
  echo "| $LAST_CLIENTS clients, ${pace} ms pacing | $half | $RATE | $SERVICE_US | $JIT_US | $PG_US | $P50 | $P99 | $MISSING |"
} >> "$RESULTS"
echo
cat "$RESULTS"
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB, load average $(cut -d' ' -f1-3 /proc/loadavg);" \
  "PostgreSQL $(sql 'show server_version'); $(java -version 2>&1 | head -1); events per request ${BATCH:-1}"
