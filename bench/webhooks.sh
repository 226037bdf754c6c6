#!/usr/bin/env bash
# What webhooks cost ingestion (issue 24): CPU per acknowledged event at 32 clients with no webhook
# endpoint, with three endpoints that answer 204 at once, with the same three whose feeds are held
# back during the load (ingestion alone; then their deliveries, measured per delivery), and with
# three that never answer, on the packaged jar, in one run, in alternating rounds.
# Usage: bench/webhooks.sh [seconds=30] [clients=32] [rounds=2]
# Environment: WARMUP (seconds, 60, with three endpoints, so both paths are compiled); SKIP_BUILD=1;
# DRAIN_WAIT (seconds to wait for the outbox to empty after a step, 600); AUTOVACUUM=server (keep
# the server's autovacuum setting; by default the run turns it on if it is off, see below);
# CPU_DETAIL=1 (each step's CPU by process); HELD_FIRST=1 (the held step before the answering one,
# so it follows the step without endpoints rather than the deliveries' aftermath); PAIRS=1 (see below).
#
# PAIRS=1 measures ingestion alone, and many rounds of it: each round is the step without endpoints
# and the held step, in turns first (none-held, held-none, ...), and the held changes are dropped
# after their step rather than delivered. The summary then gives each pair's change, their median,
# and the 95% interval of that median from the pairs' order statistics (no assumption on how the
# noise is spread), with the WAL each step wrote per event, a count that timing noise does not move.
# With PACE_MS=16 (bench/post-event.lua: each connection waits that long before each request) the
# load is fixed, about 1,400 events/s here, and the pairs spread far less than at full load, where a
# step's CPU per event moves with its throughput (docs/performance.md, "Ingestion alone in pairs").
#
# Each step, after the ledger's sequencer has caught up: endpoints set up through the admin API
# (receivers in bench/webhook-receiver.js, Node.js, on loopback, hence CONSENT_WEBHOOKS_ALLOW_PRIVATE),
# wrk posts events from bench/post-event.lua (a random visitor each, every type: about 6 in 7 change
# a decision and so become a consent.changed delivery per endpoint) for the given seconds, then the
# step waits until the outbox holds nothing pending (the answering receivers) and the sequencer has
# caught up, and vacuums. CPU (/proc, service and PostgreSQL apart; PostgreSQL's whole, with what its
# processes that ended inside the window spent, such as autovacuum workers; the service's without its
# JIT compiler threads, shown apart, as a service running for days no longer pays them) runs from the
# start of the load to that point, so what the deliveries cost after the load stopped counts too;
# it is divided by the events acknowledged. The step with hanging receivers is measured over the load
# only (they never drain): there, throughput and latency are the point.
source "$(dirname "$0")/lib.sh"
DURATION=${1:-30}
CLIENTS=${2:-32}
ROUNDS=${3:-2}
WARMUP=${WARMUP:-60}
DRAIN_WAIT=${DRAIN_WAIT:-600}
ENDPOINT=events
RECEIVERS=(19101 19102 19103)
HANGING=(19111 19112 19113)
export CONSENT_WEBHOOKS_ALLOW_PRIVATE=true ACK_DIR="$WORK"

command -v node > /dev/null || { echo "bench/webhooks.sh needs Node.js for its receivers" >&2; exit 1; }
build
# The outbox and the ledger's queue are queues: every row taken leaves a dead row version that only
# vacuum clears, and until it does, some statements walk them (a run with autovacuum off and a VACUUM
# only at each step's end cost 30% more per event in the held step, and twice as much per delivery).
# A server may run with autovacuum off (this project's CI machines do, in conf.d); no production
# server does. So the run turns it on (a reload, no restart) and sets the server back at the end;
# AUTOVACUUM=server keeps its setting.
#
# Each CPU window starts after a VACUUM (what the step before left, its endpoints' deleted rows
# included) and a CHECKPOINT, so none carries the one before's dead rows or dirty pages, and ends
# with a VACUUM in a kept session, counted: what autovacuum had not done yet is paid by the step
# that left it. The step's row says how many checkpoints began inside its window (after each, the
# first change of every page writes it whole to the WAL).
if [ "${AUTOVACUUM:-on}" = on ] && [ "$("${PSQL[@]}" -d postgres -c 'show autovacuum')" = off ]; then
  "${PSQL[@]}" -d postgres -c "alter system set autovacuum = on" -c "select pg_reload_conf()" > /dev/null
  AUTOVACUUM_TURNED_ON=1
fi
restore_autovacuum() {
  [ -z "${AUTOVACUUM_TURNED_ON:-}" ] ||
    "${PSQL[@]}" -d postgres -c "alter system reset autovacuum" -c "select pg_reload_conf()" > /dev/null
}
fresh_database
node "$BENCH_DIR/webhook-receiver.js" "${RECEIVERS[@]/%/:ok}" "${HANGING[@]/%/:hang}" > "$WORK/receivers.log" 2>&1 &
RECEIVER_PID=$!
start_service
open_kept_session
trap 'close_kept_session; stop_service; kill $RECEIVER_PID 2>/dev/null || true; restore_autovacuum' EXIT
create_site
ADMIN=$(token admin)

add_endpoints() { # ports...
  for port in "$@"; do
    curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
      -d "{\"url\":\"http://127.0.0.1:$port/hook\",\"events\":[\"consent.changed\"]}" \
      "$BASE_URL/api/v1/admin/sites/bench/webhooks" || { echo "could not create an endpoint" >&2; exit 1; }
  done
}

remove_endpoints() {
  for id in $(sql "select id from webhook_endpoint"); do
    curl -sf -o /dev/null -X DELETE -H "Authorization: Bearer $ADMIN" "$BASE_URL/api/v1/admin/sites/bench/webhooks/$id"
  done
}

# Whether any delivery is pending (a count over a large outbox each second would be measured too).
# Pending: a row in the outbox, or a change an enabled feed has not passed yet (V32 on; a jar from
# before it, given as SERVICE_JAR, has the outbox alone).
pending() {
  if [ "$(sql "select to_regclass('webhook_change') is not null")" = t ]; then
    sql "select count(*) from (select 1 from webhook_delivery where status = 'PENDING' union all select 1 from webhook_endpoint w
      join webhook_change c on c.site_id = w.site_id and (c.xid, c.id) > (w.feed_xid, w.feed_id) where w.disabled_at is null limit 1) p"
  else
    sql "select count(*) from (select 1 from webhook_delivery where status = 'PENDING' limit 1) p"
  fi
}
received() { local n=0; for port in "${RECEIVERS[@]}"; do n=$((n + $(curl -sf "http://127.0.0.1:$port/count"))); done; echo $n; }

# CPU_DETAIL=1: each step's CPU seconds by PostgreSQL process (its type, client and last statement)
# and for the service, into $WORK/cpu-detail.txt, to find where a step's CPU went.
cpu_detail() { # step
  sql "select pid, backend_type || ' ' || coalesce(application_name, '') || ' ' || left(regexp_replace(coalesce(query, ''), '\s+', ' ', 'g'), 70)
       from pg_stat_activity" > "$WORK/pids.txt"
  { echo "== $1"
    awk -v hz="$TICKS_PER_SECOND" -F'[ |]' 'FILENAME == ARGV[1] {what[$1] = substr($0, length($1) + 2); next}
      FILENAME == ARGV[2] {start[$1] = $2; next}
      {used = ($2 - start[$1]) / hz; if (used >= 0.05) printf "%8.2f s  %s %s\n", used, $1, what[$1]}' \
      "$WORK/pids.txt" "$WORK/cpu0" "$WORK/cpu1" | sort -rn | head -15
    echo "  all of PostgreSQL: $PG_S s; its processes of this database alive at the end: $(cpu_between "$WORK/cpu0" "$WORK/cpu1" | cut -d' ' -f1) s"
  } >> "$WORK/cpu-detail.txt"
}

checkpoints() { sql "select checkpoints_timed + checkpoints_req from pg_stat_bgwriter"; }
wal_bytes() { sql "select wal_bytes from pg_stat_wal"; }
# A CPU window: it starts after a VACUUM (what the steps before left, endpoints removed included)
# and a CHECKPOINT, and ends with the VACUUM of what it wrote; CHECKPOINTS is how many checkpoints
# began inside it.
start_window() {
  in_kept_session "vacuum"
  sql "checkpoint" > /dev/null
  CHECKPOINTS_BEFORE=$(checkpoints)
  WAL_BEFORE=$(wal_bytes)
  cpu_snapshot "$WORK/cpu0" java
}
end_window() {
  in_kept_session "vacuum"
  cpu_snapshot "$WORK/cpu1" java
  CHECKPOINTS=$(( $(checkpoints) - CHECKPOINTS_BEFORE ))
  WAL=$(awk -v a="$WAL_BEFORE" -v b="$(wal_bytes)" 'BEGIN {print b - a}')
  window_cpu
}
# The window's CPU seconds: PG_S (all of PostgreSQL), SERVICE_S (without its JIT), JIT_S.
window_cpu() {
  local service
  read -r _ service JIT_S < <(cpu_between "$WORK/cpu0" "$WORK/cpu1")
  SERVICE_S=$(awk -v s="$service" -v j="$JIT_S" 'BEGIN {print s - j}')
  PG_S=$(pg_whole_between "$WORK/cpu0" "$WORK/cpu1")
}

# One step: load, then (unless told not to) the drain. Sets EVENTS, SERVICE_US, PG_US, TOTAL_US, RATE,
# P50, P99, DRAIN_S, DELIVERED, WAL_PER_EVENT (bytes).
step() { # drain|nodrain|held
  rm -f "$WORK"/acks-*.txt
  await_sequencer
  local delivered_before t0 t1 t2
  delivered_before=$(sql "select count(*) from webhook_delivery where status = 'DELIVERED'")
  start_window
  t0=$(now)
  wrk -t2 -c"$CLIENTS" -d"${DURATION}s" --latency -s "$BENCH_DIR/post-event.lua" \
    "$BASE_URL/api/v1/sites/bench/$ENDPOINT" > "$WORK/wrk.txt"
  t1=$(now)
  DRAIN_S=n/a
  if [ "$1" = drain ]; then
    for _ in $(seq 1 "$DRAIN_WAIT"); do
      [ "$(pending)" = 0 ] && break
      sleep 1
    done
    await_sequencer
    DRAIN_S=$(awk -v a="$t1" -v b="$(now)" 'BEGIN {printf "%.0f", b - a}')
    [ "$(pending)" = 0 ] || echo "warning: deliveries still pending after ${DRAIN_WAIT} s" >&2
  elif [ "$1" = held ]; then
    await_sequencer
  fi
  end_window; t2=$(now)
  [ -z "${CPU_DETAIL:-}" ] || cpu_detail "$1"
  [ "$1" = drain ] || t2=$t1
  EVENTS=$(cat "$WORK"/acks-*.txt | wc -l)
  DELIVERED=$(( $(sql "select count(*) from webhook_delivery where status = 'DELIVERED'") - delivered_before ))
  SERVICE_US=$(micros_per "$SERVICE_S" "$EVENTS")
  JIT_US=$(micros_per "$JIT_S" "$EVENTS")
  PG_US=$(micros_per "$PG_S" "$EVENTS" pg)
  TOTAL_US=$(awk -v a="$SERVICE_US" -v b="$PG_US" 'BEGIN {print a + b}')
  WAL_PER_EVENT=$(awk -v w="$WAL" -v n="$EVENTS" 'BEGIN {printf "%.0f", w / n}')
  RATE=$(per_second "$EVENTS" "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
  P50=$(sed -n 's/.*p50=\([0-9.]*\).*/\1/p' "$WORK/wrk.txt")
  P99=$(sed -n 's/.*p99=\([0-9.]*\).*/\1/p' "$WORK/wrk.txt")
  check_acknowledged
  [ "$MISSING" = 0 ] || { echo "MISSING: $MISSING acknowledged events are not in the database" >&2; exit 1; }
}

# The feeds held back: their leases are set a day ahead, so no worker takes them, while the events'
# statement still writes their changes. What the step measures is then what three endpoints add to
# ingestion itself; let go, the feeds deliver what piled up, and that is measured on its own. Earlier
# tries held them with a lock, and each distorted the step: a row lock (FOR UPDATE) takes a
# transaction id, which holds back the ledger's sequencer; a query left running keeps a snapshot;
# and a SHARE lock on webhook_endpoint, even from an idle session, sends every statement's lock on
# that table through PostgreSQL's shared lock table instead of its per-backend fast path.
hold_feeds() {
  sql "update webhook_endpoint set feed_leased_until = now() + interval '1 day'" > /dev/null
}
release_feeds() {
  sql "update webhook_endpoint set feed_leased_until = null where feed_leased_until > now() + interval '1 hour'" > /dev/null
}
# Lets the feeds go and waits until they have delivered everything: sets DELIVERED (the deliveries
# made), DRAIN_S, and DELIVERY_US, CPU µs per delivery, service and PostgreSQL together.
release_and_drain() {
  local before t0
  before=$(sql "select count(*) from webhook_delivery where status = 'DELIVERED'")
  start_window; t0=$(now)
  release_feeds
  for _ in $(seq 1 "$DRAIN_WAIT"); do
    [ "$(pending)" = 0 ] && break
    sleep 1
  done
  await_sequencer
  end_window
  [ -z "${CPU_DETAIL:-}" ] || cpu_detail drain
  DRAIN_S=$(awk -v a="$t0" -v b="$(now)" 'BEGIN {printf "%.0f", b - a}')
  DELIVERED=$(( $(sql "select count(*) from webhook_delivery where status = 'DELIVERED'") - before ))
  DELIVERY_US=$(micros_per "$(awk -v a="$PG_S" -v b="$SERVICE_S" 'BEGIN {print a + b}')" "$DELIVERED")
  JIT_US=$(micros_per "$JIT_S" "$DELIVERED")
}

echo "Warming up (${WARMUP} s, three answering endpoints)"
add_endpoints "${RECEIVERS[@]}"
DURATION_WAS=$DURATION; DURATION=$WARMUP; step drain; DURATION=$DURATION_WAS
remove_endpoints

RESULTS="$WORK/results.md"
{
  echo "| round | endpoints | events acknowledged | events/s under load | p50 ms | p99 ms | deliveries | drained after load (s) | CPU µs/event service | CPU µs/event PostgreSQL | CPU µs/event total | JIT µs/event, not counted | checkpoints begun | WAL bytes/event |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$RESULTS"
row() { echo "| $1 | $2 | $EVENTS | $RATE | $P50 | $P99 | $DELIVERED | $DRAIN_S | $SERVICE_US | $PG_US | $TOTAL_US | $JIT_US | $CHECKPOINTS | $WAL_PER_EVENT |" | tee -a "$RESULTS"; }
answering_step() {
  local before got
  before=$(received)
  step drain; row "$round" "three, answering 204"; echo "$TOTAL_US" >> "$WORK/three.txt"
  got=$(( $(received) - before ))
  [ "$got" -ge "$DELIVERED" ] || { echo "FAILED: the receivers got $got requests for $DELIVERED deliveries" >&2; exit 1; }
}
held_steps() {
  hold_feeds
  step held; row "$round" "three, answering 204, feeds held during the load"; echo "$TOTAL_US" >> "$WORK/held.txt"
  held_events=$EVENTS
  release_and_drain
  echo "| $round | the held feeds' deliveries, after the load | | | | | $DELIVERED | $DRAIN_S | | | $DELIVERY_US per delivery | $JIT_US | $CHECKPOINTS | |" | tee -a "$RESULTS"
  echo "$DELIVERY_US $DELIVERED $held_events" >> "$WORK/deliveries.txt"
}
# PAIRS=1: the step without endpoints and the held step, in turns first; the held changes dropped.
pair_step() { # none|held
  if [ "$1" = none ]; then
    step drain; row "$round" none; echo "$TOTAL_US $WAL_PER_EVENT" >> "$WORK/pair-none.txt"
  else
    add_endpoints "${RECEIVERS[@]}"; hold_feeds
    step held; row "$round" "three, feeds held during the load"; echo "$TOTAL_US $WAL_PER_EVENT" >> "$WORK/pair-held.txt"
    remove_endpoints; sql "truncate webhook_change" > /dev/null
  fi
}
# The median of the sorted values on stdin, and its 95% interval from their order statistics: the
# k-th lowest and highest, k the largest for which P(Binomial(n, 1/2) < k) <= 2.5%.
median_with_interval() {
  sort -g | awk '{v[NR] = $1} END {
    n = NR; m = n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    p = 0.5 ^ n; cum = 0; k = 0
    for (i = 0; i < n; i++) { cum += p; if (cum > 0.025) break; k = i + 1; p = p * (n - i) / (i + 1) }
    if (k == 0) printf "%+.1f%% (too few pairs for a 95%% interval)", m
    else printf "%+.1f%%, 95%% interval %+.1f%% to %+.1f%% (ranks %d and %d of %d)", m, v[k], v[n + 1 - k], k, n + 1 - k, n
  }'
}
# The mean of a column (the first by default) of a file of numbers, rounded.
mean() { awk -v k="${2:-1}" '{s += $k} END {printf "%.0f", s / NR}' "$1"; }
machine() {
  echo "Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); PostgreSQL $(sql 'show server_version'), autovacuum $(sql 'show autovacuum'); $(java -version 2>&1 | head -1); $CLIENTS clients, ${DURATION} s steps"
}
if [ -n "${PAIRS:-}" ]; then
  for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) = 1 ]; then pair_step none; pair_step held; else pair_step held; pair_step none; fi
  done
  paste "$WORK/pair-none.txt" "$WORK/pair-held.txt" | awk '{print ($3 / $1 - 1) * 100}' > "$WORK/pair-changes.txt"
  {
    echo
    echo "Ingestion alone, $ROUNDS pairs, held against none: $(awk '{printf "%+.1f%% ", $1}' "$WORK/pair-changes.txt")"
    echo "Their median: $(median_with_interval < "$WORK/pair-changes.txt")."
    echo "Mean CPU per event: none $(mean "$WORK/pair-none.txt") µs, held $(mean "$WORK/pair-held.txt") µs; WAL per event: none $(mean "$WORK/pair-none.txt" 2) bytes, held $(mean "$WORK/pair-held.txt" 2) bytes."
    machine
  } | tee -a "$RESULTS"
  [ -z "${CPU_DETAIL:-}" ] || cat "$WORK/cpu-detail.txt"
  exit 0
fi
for round in $(seq 1 "$ROUNDS"); do
  step drain; row "$round" none; echo "$TOTAL_US" >> "$WORK/none.txt"
  add_endpoints "${RECEIVERS[@]}"
  if [ -n "${HELD_FIRST:-}" ]; then held_steps; answering_step; else answering_step; held_steps; fi
  remove_endpoints
  add_endpoints "${HANGING[@]}"
  step nodrain; row "$round" "three, never answering"; echo "$TOTAL_US" >> "$WORK/hanging.txt"
  remove_endpoints
done
# The median, over the rounds, of a step's change against the same round's step without endpoints.
median_pair() {
  paste "$WORK/none.txt" "$1" | awk '{print ($2 / $1 - 1) * 100}' | sort -g \
    | awk '{v[NR] = $1} END {printf "%+.1f%%", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
none=$(mean "$WORK/none.txt"); three=$(mean "$WORK/three.txt"); hanging=$(mean "$WORK/hanging.txt")
held=$(mean "$WORK/held.txt")
per_delivery=$(awk '{us += $1 * $2; n += $2} END {printf "%.0f", us / n}' "$WORK/deliveries.txt")
per_event=$(awk '{n += $2; e += $3} END {printf "%.2f", n / e}' "$WORK/deliveries.txt")
ratio() { awk -v a="$1" -v b="$none" 'BEGIN {printf "%+.1f%%", (a / b - 1) * 100}'; }
{
  echo
  echo "Mean CPU per event: $none µs without endpoints, $three µs with three answering: $(ratio "$three")."
  echo "Ingestion alone, the feeds held during the load: $held µs: $(ratio "$held"). With receivers that never answer: $hanging µs: $(ratio "$hanging")."
  echo "Each round against its own step without endpoints, the median: feeds held $(median_pair "$WORK/held.txt"), never answering $(median_pair "$WORK/hanging.txt")."
  echo "The held feeds' deliveries afterwards: $per_delivery µs each, $per_event per event: ingestion and deliveries $(awk -v a="$held" -v d="$per_delivery" -v n="$per_event" 'BEGIN {printf "%.0f", a + d * n}') µs: $(ratio "$(awk -v a="$held" -v d="$per_delivery" -v n="$per_event" 'BEGIN {print a + d * n}')")."
  machine
} | tee -a "$RESULTS"
[ -z "${CPU_DETAIL:-}" ] || cat "$WORK/cpu-detail.txt"
