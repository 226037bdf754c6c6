#!/usr/bin/env bash
# Where the CPU per event goes, by PostgreSQL process and by service thread, at one client count.
# Usage: bench/ingest-processes.sh [clients=32] [seconds=20]   Environment: WARMUP (seconds, 60);
# EVENT_IDS=random for version 4 eventIds (see bench/post-event.lua)
#
# Loads the service with wrk (distinct events, as bench/ingest.sh), then over a window from 3 s
# after the step starts to 3 s before it ends prints, per acknowledged event:
# - each PostgreSQL process of the bench database and the cluster's background processes, named
#   by its last statement when the window opened and when it closed (the group-commit writer's
#   backend runs the insert into consent_event, the sequencer's reads ledger_queue and ledger_leaf
#   and appends leaves; either may show BEGIN or COMMIT);
# - the service's threads by group (request executors, event loops, the group-commit writer, the
#   ledger threads, GC, JIT), with user and system time apart.
# The figures are a breakdown for one run, not a measure of throughput: use bench/ingest.sh for that.
source "$(dirname "$0")/lib.sh"
CLIENTS=${1:-32}
DURATION=${2:-20}
WARMUP=${WARMUP:-60}
[ "$DURATION" -ge 10 ] || { echo "the step needs at least 10 s" >&2; exit 1; }

build
fresh_database
start_service
create_site
export ACK_DIR="$WORK"
echo "Warming up the service (${WARMUP} s)"
wrk -t2 -c"$CLIENTS" -d"${WARMUP}s" -s "$BENCH_DIR/post-event.lua" "$BASE_URL/api/v1/sites/bench/events" > /dev/null

# "pid ticks" for PostgreSQL with "pid|name: last statement" beside; "tid group total user system" for the service.
snapshot() { # prefix
  sql "select pid, coalesce(nullif(application_name, ''), backend_type) || ': '
         || left(regexp_replace(query, '\s+', ' ', 'g'), 60)
       from pg_stat_activity where (datname = current_database() or datname is null) and pid <> pg_backend_pid()" > "$1.names"
  local pid
  for pid in $(cut -d'|' -f1 "$1.names"); do
    echo "$pid $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null)"
  done > "$1.pg"
  local task stat
  for task in /proc/"$SERVICE_PID"/task/*; do
    # The fields after "tid (comm) ": a thread's name may hold spaces ("GC Thread#0").
    stat=$(cat "$task/stat") || continue
    echo "$(basename "$task") $(tr ' ' _ < "$task/comm") $(echo "${stat##*) }" | awk '{print $12 + $13, $12, $13}')"
  done > "$1.java"
}
acks() { cat "$WORK"/acks-*.txt 2>/dev/null | wc -l; }

rm -f "$WORK"/acks-*.txt
wrk -t2 -c"$CLIENTS" -d"${DURATION}s" --latency -s "$BENCH_DIR/post-event.lua" \
  "$BASE_URL/api/v1/sites/bench/events" > "$WORK/wrk.txt" &
WRK_PID=$!
sleep 3
snapshot "$WORK/before"; BEFORE=$(acks)
sleep $((DURATION - 6))
snapshot "$WORK/after"; AFTER=$(acks)
wait "$WRK_PID"
EVENTS=$((AFTER - BEFORE))
HZ=$(getconf CLK_TCK)
echo "$CLIENTS clients: $EVENTS events acknowledged in the $((DURATION - 6)) s window ($((EVENTS / (DURATION - 6)))/s)"
echo
echo "| PostgreSQL process (its last statement when the window opened, then when it closed) | CPU µs/event |"
echo "|---|---|"
join <(sort "$WORK/before.pg") <(sort "$WORK/after.pg") \
  | awk -v n="$EVENTS" -v hz="$HZ" '{printf "%s %.1f\n", $1, ($3 - $2) * 1000000 / hz / n}' | sort > "$WORK/pg.cpu"
join "$WORK/pg.cpu" <(join -t'|' <(sort -t'|' -k1,1 "$WORK/before.names") <(sort -t'|' -k1,1 "$WORK/after.names") \
    | awk -F'|' '{print $1 " " $2 ", then " $3}' | sort) | sort -k2 -nr \
  | awk '$2 >= 0.5 {cpu = $2; $1 = ""; $2 = ""; sub(/^ +/, ""); printf "| %s | %.1f |\n", $0, cpu}'
echo
echo "| service threads | CPU µs/event | user | system |"
echo "|---|---|---|---|"
join <(sort "$WORK/before.java") <(sort "$WORK/after.java") \
  | awk -v n="$EVENTS" -v hz="$HZ" '{group = $2; sub(/[-_#]?[0-9]+$/, "", group)
      total[group] += $7 - $3; user[group] += $8 - $4; sys[group] += $9 - $5}
      END {for (g in total) if (total[g] > 0) printf "| %s | %.1f | %.1f | %.1f |\n", g,
        total[g] * 1000000 / hz / n, user[g] * 1000000 / hz / n, sys[g] * 1000000 / hz / n}' | sort -t'|' -k3 -nr
echo
grep -E 'Requests/sec|LATENCY' "$WORK/wrk.txt"
