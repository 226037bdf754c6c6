#!/usr/bin/env bash
# Measures how long an acknowledged event waits for a signed checkpoint, under load.
# Usage: bench/ledger-lag.sh [seconds=60] [connections=32]
# Lag = checkpoint created_at - event received_at, for the first checkpoint covering the event.
source "$(dirname "$0")/lib.sh"
DURATION=${1:-60}
CONNECTIONS=${2:-32}

build
fresh_database
start_service
create_site
echo "Loading for ${DURATION}s with $CONNECTIONS connections (checkpoint interval ${CONSENT_LEDGER_CHECKPOINT_INTERVAL:-10s})"
export ACK_DIR="$WORK"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$BENCH_DIR/post-event.lua" "$BASE_URL/api/v1/sites/bench/events" \
  | tee "$WORK/wrk.txt"
# Let the last events reach a checkpoint.
for _ in $(seq 1 60); do
  pending=$(sql "select count(*) from consent_event e where not exists (select 1 from ledger_checkpoint c
      join ledger_leaf l on l.source = 'consent_event' and l.record_key in (e.event_id::text, (select s.site_key from site s where s.id = e.site_id) || '/' || e.event_id) where c.tree_size > l.seq)")
  [ "$pending" = "0" ] && break
  sleep 1
done
check_acknowledged
sql "with lag as (
       select extract(epoch from (c.created_at - e.received_at)) as seconds,
              extract(epoch from (e.received_at - min(e.received_at) over ())) as at
       from consent_event e
       join ledger_leaf l on l.source = 'consent_event' and l.record_key in (e.event_id::text, (select s.site_key from site s where s.id = e.site_id) || '/' || e.event_id)
       cross join lateral (select created_at from ledger_checkpoint c where c.tree_size > l.seq
                           order by c.tree_size limit 1) c)
     select 'LAG_SECONDS', round(percentile_cont(0.5) within group (order by seconds)::numeric, 3),
            round(percentile_cont(0.99) within group (order by seconds)::numeric, 3),
            round(max(seconds)::numeric, 3),
            round((percentile_cont(0.99) within group (order by seconds) filter (where at < $DURATION / 2.0))::numeric, 3),
            round((percentile_cont(0.99) within group (order by seconds) filter (where at >= $DURATION / 2.0))::numeric, 3)
     from lag" > "$WORK/lag.txt"
IFS='|' read -r _ p50 p99 max p99_first p99_second < "$WORK/lag.txt"
echo
echo "| figure | value |"
echo "|---|---|"
echo "| events acknowledged | $ACKED |"
echo "| acknowledged but missing | $MISSING |"
echo "| rows in consent_event (incl. in flight at cutoff) | $ROWS |"
echo "| lag to signed checkpoint, p50 | ${p50} s |"
echo "| lag p99 | ${p99} s |"
echo "| lag max | ${max} s |"
echo "| lag p99, first half of the run | ${p99_first} s |"
echo "| lag p99, second half of the run | ${p99_second} s |"
[ "$MISSING" = "0" ] || { echo "MISSING: $MISSING acknowledged events are not in the database" >&2; exit 1; }
