#!/usr/bin/env bash
# Audit queries at scale: one visitor's history and one filtered page of events, through the
# service, p50 and p90 over repeated requests, with EXPLAIN ANALYZE of the SQL behind them.
# Usage: bench/audit.sh [events=10000000] [requests=200]
source "$(dirname "$0")/lib.sh"
EVENTS=${1:-10000000}
REQUESTS=${2:-200}

build
fresh_database
start_service
create_site
echo "Seeding $EVENTS events"
time seed_events "$EVENTS"
site_id=$(sql "select id from site where site_key = 'bench'")
token=$(auditor_token)

time_requests() { # name, url-producing command
  local name=$1
  shift
  : > "$WORK/times.txt"
  for i in $(seq 1 "$REQUESTS"); do
    url=$("$@" "$i")
    curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$url" >> "$WORK/times.txt"
  done
  sort -n "$WORK/times.txt" | awk -v name="$name" '{t[NR] = $1 * 1000}
    END {printf "| %s | %.2f | %.2f | %.2f |\n", name, t[int(NR * 0.5)], t[int(NR * 0.9)], t[NR]}'
}
visitor_url() { # a different visitor each time, spread over the table
  printf '%s/api/v1/audit/sites/bench/visitors/00000000-0000-4000-8000-%012x/history' "$BASE_URL" $(( ($1 * 7919 * 10) % (EVENTS / 5) ))
}
filtered_url() { # type and country, first page and a page deep into the table
  if [ $(( $1 % 2 )) = 0 ]; then
    printf '%s/api/v1/audit/sites/bench/events?type=ACCEPT_ALL&country=DE&limit=100' "$BASE_URL"
  else
    printf '%s/api/v1/audit/sites/bench/events?eea=true&limit=100&cursor=%s' "$BASE_URL" \
      "$(printf 'v1:%d' $(( EVENTS / 2 + $1 )) | openssl base64 -A | tr '+/' '-_' | tr -d '=')"
  fi
}

# Warm up the JIT and the caches.
REQUESTS=50 time_requests warmup visitor_url > /dev/null
REQUESTS=50 time_requests warmup filtered_url > /dev/null
{
  echo "| query at $EVENTS events | p50 ms | p90 ms | max ms |"
  echo "|---|---|---|---|"
  time_requests "one visitor's history" visitor_url
  time_requests "filtered page of 100 (type+country, or eea from a cursor)" filtered_url
} > "$WORK/results.md"

{
  echo '```'
  echo "-- one visitor's history"
  sql "explain analyze select e.*, l.seq, l.leaf_hash from consent_event e left join ledger_leaf l
       on l.source = 'consent_event' and l.record_key = e.event_id::text
       where e.site_id = '$site_id' and e.visitor_id = '00000000-0000-4000-8000-000000001234' order by e.id"
  echo
  echo "-- filtered page: type and country"
  sql "explain analyze select e.*, l.seq, l.leaf_hash from consent_event e left join ledger_leaf l
       on l.source = 'consent_event' and l.record_key = e.event_id::text
       where e.site_id = '$site_id' and e.type = 'ACCEPT_ALL' and e.country = 'DE' and e.id > 0 order by e.id limit 101"
  echo '```'
} > "$WORK/explain.md"
echo
cat "$WORK/results.md"
echo
cat "$WORK/explain.md"
