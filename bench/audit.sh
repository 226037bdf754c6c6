#!/usr/bin/env bash
# Audit queries at scale: one visitor's history, one filtered page of events and the console's
# daily timeseries, through the service, p50 and p90 over repeated requests, with EXPLAIN ANALYZE
# of the SQL behind the first two. The timeseries is measured twice: with the daily rollup off,
# every day counted from the events (as today always is), then after the rollup has stored every
# complete day in audit_day (a restart with the rollup on, every 2 s).
# Usage: bench/audit.sh [events=10000000] [requests=200]
source "$(dirname "$0")/lib.sh"
EVENTS=${1:-10000000}
REQUESTS=${2:-200}

build
fresh_database
CONSENT_AUDIT_DAYS_ROLL_UP=false start_service
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

timeseries_url() { # 30 days over the seeded events (they start 2026-01-01, 10 a second)
  printf '%s/api/v1/audit/sites/bench/timeseries?from=2026-01-01T00:00:00Z&to=2026-01-31T00:00:00Z' "$BASE_URL"
}
busy_day_url() { # the first seeded day alone: 864,000 events at 10/s, 70% of them the bench site's
  printf '%s/api/v1/audit/sites/bench/timeseries?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z' "$BASE_URL"
}
year_url() {
  printf '%s/api/v1/audit/sites/bench/timeseries?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z' "$BASE_URL"
}

# Warm up the JIT and the caches.
REQUESTS=50 time_requests warmup visitor_url > /dev/null
REQUESTS=50 time_requests warmup filtered_url > /dev/null
{
  echo "| query at $EVENTS events | p50 ms | p90 ms | max ms |"
  echo "|---|---|---|---|"
  time_requests "one visitor's history" visitor_url
  time_requests "filtered page of 100 (type+country, or eea from a cursor)" filtered_url
  REQUESTS=$(( REQUESTS < 10 ? REQUESTS : 10 )) time_requests "timeseries, 30 days counted from the events" timeseries_url
  REQUESTS=$(( REQUESTS < 10 ? REQUESTS : 10 )) time_requests "timeseries, one busy day counted from the events" busy_day_url
} > "$WORK/results.md"

stop_service
CONSENT_AUDIT_DAYS_INTERVAL=2s CONSENT_AUDIT_DAYS_DAYS_PER_RUN=400 start_service
echo "Waiting for the rollup to store every complete day"
yesterday=$(date -u -d yesterday +%F)
for _ in $(seq 1 600); do
  [ "$(sql "select count(*) from audit_day where site_id = '$site_id' and day = '$yesterday'")" = 1 ] && break
  sleep 1
done
echo "audit_day: $(sql "select count(*) from audit_day") rows"
REQUESTS=20 time_requests warmup timeseries_url > /dev/null
{
  time_requests "timeseries, 30 days from audit_day" timeseries_url
  time_requests "timeseries, 365 days from audit_day" year_url
} >> "$WORK/results.md"

{
  echo '```'
  echo "-- one visitor's history"
  sql "explain analyze select e.*, l.seq, l.leaf_hash from consent_event e left join ledger_leaf l
       on l.source = 'consent_event' and l.record_key in (e.event_id::text, (select s.site_key from site s where s.id = e.site_id) || '/' || e.event_id)
       where e.site_id = '$site_id' and e.visitor_id = '00000000-0000-4000-8000-000000001234' order by e.id"
  echo
  echo "-- filtered page: type and country"
  sql "explain analyze select e.*, l.seq, l.leaf_hash from consent_event e left join ledger_leaf l
       on l.source = 'consent_event' and l.record_key in (e.event_id::text, (select s.site_key from site s where s.id = e.site_id) || '/' || e.event_id)
       where e.site_id = '$site_id' and e.type = 'ACCEPT_ALL' and e.country = 'DE' and e.id > 0 order by e.id limit 101"
  echo '```'
} > "$WORK/explain.md"
echo
cat "$WORK/results.md"
echo
cat "$WORK/explain.md"
