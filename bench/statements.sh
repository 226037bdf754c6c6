#!/usr/bin/env bash
# What each statement costs PostgreSQL per acknowledged event, under the ingest bench's load:
# pg_stat_statements (nested statements tracked too: a trigger's statements are rows of their own,
# and also count in the statement that fired them) over a window of wrk load after a warm-up.
# Execution time, not CPU, but on this load PostgreSQL waits on nothing else: it is the figure
# that tells two versions of one statement apart where the machine's drift hides a few percent of
# CPU per event.
# Usage: bench/statements.sh [seconds=30] [clients=32]; WARMUP (seconds, 60); SERVICE_JAR, SKIP_BUILD
# as for the other scripts; ENDPOINTS=3 adds that many webhook endpoints on loopback answering 204
# (bench/webhook-receiver.js, Node.js), so the deliveries' statements are counted too. Needs the local server (127.0.0.1): it loads pg_stat_statements
# (ALTER SYSTEM and a restart of the cluster) and, at the end, sets both back (a second restart).
source "$(dirname "$0")/lib.sh"
DURATION=${1:-30}
CLIENTS=${2:-32}
WARMUP=${WARMUP:-60}
[ "$LOCAL_PG" = 1 ] || { echo "needs the local PostgreSQL server (PG_HOST=127.0.0.1)" >&2; exit 1; }
CLUSTER=$(ls /etc/postgresql | head -1)

restart_cluster() {
  pg_ctlcluster --skip-systemctl-redirect "$CLUSTER" main restart
  for _ in $(seq 1 30); do pg_isready -h "$PG_HOST" -p "$PG_PORT" -q && return 0; sleep 1; done
}
unload_statements() {
  stop_service
  "${PSQL[@]}" -d postgres -c "alter system reset shared_preload_libraries" -c "alter system reset pg_stat_statements.track"
  restart_cluster
}

build
"${PSQL[@]}" -d postgres -c "alter system set shared_preload_libraries = 'pg_stat_statements'"
trap unload_statements EXIT
restart_cluster
"${PSQL[@]}" -d postgres -c "alter system set pg_stat_statements.track = 'all'" -c "select pg_reload_conf()" > /dev/null
fresh_database
sql "create extension if not exists pg_stat_statements"
ENDPOINTS=${ENDPOINTS:-0}
if [ "$ENDPOINTS" -gt 0 ]; then
  export CONSENT_WEBHOOKS_ALLOW_PRIVATE=true
  PORTS=$(seq 19121 $((19120 + ENDPOINTS)))
  node "$BENCH_DIR/webhook-receiver.js" $(for p in $PORTS; do echo "$p:ok"; done) > "$WORK/receivers.log" 2>&1 &
  RECEIVER_PID=$!
fi
start_service
trap 'unload_statements; [ -z "${RECEIVER_PID:-}" ] || kill $RECEIVER_PID' EXIT
create_site
if [ "$ENDPOINTS" -gt 0 ]; then
  ADMIN=$(token admin)
  for port in $PORTS; do
    curl -sf -o /dev/null -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
      -d "{\"url\":\"http://127.0.0.1:$port/hook\",\"events\":[\"consent.changed\"]}" \
      "$BASE_URL/api/v1/admin/sites/bench/webhooks"
  done
fi

export ACK_DIR="$WORK"
run_wrk() { # seconds
  rm -f "$WORK"/acks-*.txt
  wrk -t2 -c"$CLIENTS" -d"$1s" --latency -s "$BENCH_DIR/post-event.lua" "$BASE_URL/api/v1/sites/bench/events" \
    > "$WORK/wrk.txt"
}
run_wrk "$WARMUP"
await_sequencer
sql "select pg_stat_statements_reset()" > /dev/null
run_wrk "$DURATION"
await_sequencer
EVENTS=$(cat "$WORK"/acks-*.txt | wc -l)
echo "events acknowledged in ${DURATION} s at $CLIENTS clients: $EVENTS"
echo
echo "| statement | nested | calls | rows per call | µs per call | µs per event |"
echo "|---|---|---|---|---|---|"
sql "select '| \`' || left(regexp_replace(s.query, '\s+', ' ', 'g'), 110) || '\` | '
            || case when s.toplevel then '' else 'yes' end || ' | ' || s.calls || ' | '
            || round(s.rows::numeric / greatest(s.calls, 1), 1) || ' | '
            || round((s.total_exec_time * 1000 / greatest(s.calls, 1))::numeric, 1) || ' | '
            || round((s.total_exec_time * 1000 / $EVENTS)::numeric, 1) || ' |'
     from pg_stat_statements s join pg_database d on d.oid = s.dbid
     where d.datname = current_database()
     order by s.total_exec_time desc limit ${TOP:-12}"
