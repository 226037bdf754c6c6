#!/usr/bin/env bash
# CSV export of N events through the service against psql \copy of the same rows, sampling the
# service's heap and RSS throughout. The service runs with -Xmx256m, so the heap stays under
# 256 MB or the export fails.
# Usage: bench/export.sh ["100000 1000000"]
source "$(dirname "$0")/lib.sh"
SIZES=${1:-"100000 1000000"}
JAVA_OPTS=${JAVA_OPTS:-"-Xmx256m"}

build
RESULTS="$WORK/results.md"
{
  echo "| events | psql \\copy s | service CSV s | ratio | service bytes | max heap used MB | RSS growth MB |"
  echo "|---|---|---|---|---|---|---|"
} > "$RESULTS"
for n in $SIZES; do
  if [ "${REUSE_DB:-}" = "1" ]; then   # export what an earlier run (e.g. bench/audit.sh) seeded
    start_service
  else
    fresh_database
    start_service
    create_site
    seed_events $(( n * 10 / 7 ))   # the bench site holds 70% of the seeded events
  fi
  site_id=$(sql "select id from site where site_key = 'bench'")
  rows=$(sql "select count(*) from consent_event where site_id = '$site_id'")
  token=$(auditor_token)
  # Warm the export path once on a small range.
  curl -sf -H "Authorization: Bearer $token" "$BASE_URL/api/v1/audit/sites/bench/events/export?format=csv&to=2026-01-01T00:01:00Z" > /dev/null

  start=$(date +%s.%N)
  "${PSQL[@]}" -d "$BENCH_DB" -c "\\copy (select e.*, l.seq, l.leaf_hash from consent_event e left join ledger_leaf l
      on l.source = 'consent_event' and l.record_key in (e.event_id::text, (select s.site_key from site s where s.id = e.site_id) || '/' || e.event_id) where e.site_id = '$site_id' order by e.id)
      to stdout with csv header" > "$WORK/psql.csv"
  psql_seconds=$(echo "$(date +%s.%N) - $start" | bc)

  rss_before=$(awk '/VmRSS/ {print $2}' "/proc/$SERVICE_PID/status")
  (while kill -0 "$SERVICE_PID" 2>/dev/null; do
     jstat -gc "$SERVICE_PID" | awk 'NR == 2 {printf "%.0f ", ($3 + $4 + $6 + $8) / 1024}'
     awk '/VmRSS/ {print $2}' "/proc/$SERVICE_PID/status"
     sleep 0.2
   done) > "$WORK/samples.txt" &
  sampler=$!
  start=$(date +%s.%N)
  curl -sf -H "Authorization: Bearer $token" "$BASE_URL/api/v1/audit/sites/bench/events/export?format=csv" > "$WORK/service.csv"
  service_seconds=$(echo "$(date +%s.%N) - $start" | bc)
  kill "$sampler" 2>/dev/null || true
  lines=$(($(wc -l < "$WORK/service.csv") - 1))
  [ "$lines" = "$rows" ] || { echo "Export has $lines rows, expected $rows" >&2; exit 1; }
  max_heap=$(awk '{print $1}' "$WORK/samples.txt" | sort -n | tail -1)
  max_rss=$(awk '{print $2}' "$WORK/samples.txt" | sort -n | tail -1)
  ratio=$(echo "scale=2; $service_seconds / $psql_seconds" | bc)
  printf "| %s | %.2f | %.2f | %sx | %s | %s | %s |\n" "$rows" "$psql_seconds" "$service_seconds" "$ratio" \
    "$(stat -c %s "$WORK/service.csv")" "$max_heap" "$(( (max_rss - rss_before) / 1024 ))" >> "$RESULTS"
  stop_service
done
echo
cat "$RESULTS"
