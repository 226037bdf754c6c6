#!/usr/bin/env bash
# The console's two chart queries on recent data: the timeseries over the 30 days ending today and
# re-consent progress of a version that took effect 30 days ago, through the service, p50 and p90.
# The events are spread evenly over the 35 days ending now, and the ones received since the
# version took effect name it. Each query is measured with the rollup off (every day counted from
# the events), then after a restart with it on (every 2 s), once it has stored every complete day
# and a snapshot of today, and after one more restart with the rollup at its production interval.
# Usage: bench/trends.sh [events=1000000] [requests=50]
# REUSE_SEEDED=<that run's /tmp/consent-bench.* directory> measures the events an earlier run
# seeded today, without seeding them again.
source "$(dirname "$0")/lib.sh"
EVENTS=${1:-1000000}
REQUESTS=${2:-50}

build
# Counting 30 days from the events takes longer than the default statement timeout at 10M events
# (the answer would be a 503): the first part allows it 5 minutes.
if [ -n "${REUSE_SEEDED:-}" ]; then
  # The events of an earlier run, seeded the same day, with its ledger key; the rollup starts again.
  cp -r "$REUSE_SEEDED/signing-key.pem" "$REUSE_SEEDED/ledger" "$WORK/"
  CONSENT_DB_STATEMENT_TIMEOUT=300 CONSENT_DB_SOCKET_TIMEOUT=310 CONSENT_AUDIT_DAYS_ROLL_UP=false start_service
  site_id=$(sql "select id from site where site_key = 'bench'")
  version_id=$(sql "select id from policy_version where site_id = '$site_id' and published_by = 'bench'")
  sql "truncate audit_day, reconsent_day"
else
  fresh_database
  CONSENT_DB_STATEMENT_TIMEOUT=300 CONSENT_DB_SOCKET_TIMEOUT=310 CONSENT_AUDIT_DAYS_ROLL_UP=false start_service
  create_site
  site_id=$(sql "select id from site where site_key = 'bench'")
  version_id=$(sql "select gen_random_uuid()")
  effective=$(date -u -d '30 days ago' '+%F %T+00')
  sql "insert into policy_version (id, site_id, kind, version, title, url, content, material, effective_at,
         published_at, published_by, sha256)
       values ('$version_id', '$site_id', 'PRIVACY_POLICY', '2', 'Privacy', 'https://www.example.com/privacy', 'v2',
         true, '$effective', '$effective', 'bench', repeat('0', 64))"
  start=$(date -u -d '35 days ago' '+%F %T+00')
  step_ms=$(( 35 * 86400 * 1000 / EVENTS ))
  echo "Seeding $EVENTS events from $start, one every $step_ms ms"
  time SEED_START="$start" SEED_STEP="$step_ms milliseconds" SEED_VERSIONS="{$version_id}" SEED_VERSIONS_FROM="$effective" \
    seed_events "$EVENTS"
fi
token=$(auditor_token)

time_requests() { # name, url[, expected status=200]
  : > "$WORK/times.txt"
  for _ in $(seq 1 "$REQUESTS"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" "$2" |
      awk -v want="${3:-200}" '$1 != want {print "answered " $1 > "/dev/stderr"; exit 1} {print $2}' >> "$WORK/times.txt"
  done
  sort -n "$WORK/times.txt" | awk -v name="$1" '{t[NR] = $1 * 1000}
    END {p50 = int(NR * 0.5); p90 = int(NR * 0.9); if (p50 < 1) p50 = 1; if (p90 < 1) p90 = 1
         printf "| %s | %.2f | %.2f | %.2f |\n", name, t[p50], t[p90], t[NR]}'
}
timeseries_url="$BASE_URL/api/v1/audit/sites/bench/timeseries"
reconsent_url="$BASE_URL/api/v1/audit/sites/bench/reconsent?versionId=$version_id"

REQUESTS=5 time_requests warmup "$timeseries_url" > /dev/null
{
  echo "| query at $EVENTS events | p50 ms | p90 ms | max ms |"
  echo "|---|---|---|---|"
  REQUESTS=$(( REQUESTS < 5 ? REQUESTS : 5 )) time_requests "timeseries, 30 days to today, counted from the events" "$timeseries_url"
  REQUESTS=$(( REQUESTS < 5 ? REQUESTS : 5 )) time_requests "reconsent, effective 30 days ago, counted from the events" "$reconsent_url"
} > "$WORK/results.md"

stop_service
CONSENT_AUDIT_DAYS_INTERVAL=2s CONSENT_AUDIT_DAYS_DAYS_PER_RUN=400 start_service
echo "Waiting for the rollup to store every complete day and a snapshot of today"
yesterday=$(date -u -d yesterday +%F)
today=$(date -u +%F)
rolled_up_at=$(date +%s)
for _ in $(seq 1 1800); do
  [ "$(sql "select count(*) from reconsent_day where version_id = '$version_id' and
            (day = '$yesterday' and as_of is null or day = '$today')")" = 2 ] &&
  [ "$(sql "select count(*) from audit_day where site_id = '$site_id' and day = '$today'")" = 1 ] && break
  sleep 1
done
echo "First rollup took about $(( $(date +%s) - rolled_up_at )) s;" \
  "audit_day: $(sql "select count(*) from audit_day") rows, reconsent_day: $(sql "select count(*) from reconsent_day") rows"
# Measured with the rollup at its production interval (5 min, first run 5 min after start), so
# that its recounts of today on every site do not run beside the requests every 2 s.
stop_service
start_service
REQUESTS=20 time_requests warmup "$timeseries_url" > /dev/null
REQUESTS=20 time_requests warmup "$reconsent_url" > /dev/null
{
  time_requests "timeseries, 30 days to today, from audit_day and today's snapshot" "$timeseries_url"
  time_requests "reconsent, effective 30 days ago, from reconsent_day and today's snapshot" "$reconsent_url"
  # The floor of this way of measuring: token check, routing and a 400, no query.
  time_requests "floor: a refused bucket (400), no query" "$timeseries_url?bucket=week" 400
} >> "$WORK/results.md"

# The same requests one after another on one kept-alive connection (wrk, 1 client, 10 s): the
# service's own latency, without starting a curl process and a TCP connection for each.
keep_alive() { # name, url
  wrk -t1 -c1 -d10s --latency -H "Authorization: Bearer $token" "$2" |
    awk -v name="$1" '$1 == "50%" {p50 = $2} $1 == "90%" {p90 = $2} $1 == "99%" {p99 = $2}
      END {printf "| %s | %s | %s | %s |\n", name, p50, p90, p99}'
}
if command -v wrk > /dev/null; then
  {
    echo
    echo "| one kept-alive connection (wrk -c1, 10 s) | p50 | p90 | p99 |"
    echo "|---|---|---|---|"
    keep_alive "timeseries, 30 days to today" "$timeseries_url"
    keep_alive "reconsent, effective 30 days ago" "$reconsent_url"
  } >> "$WORK/results.md"
fi
echo
cat "$WORK/results.md"
