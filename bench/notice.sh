#!/usr/bin/env bash
# The banner's first call, GET /api/v1/sites/{siteKey}/notice, as every page view makes it: requests
# per second, p50/p99, and CPU per request of the service (its JIT compiler threads apart) and of
# PostgreSQL, from /proc over the steady window (2 s after the load starts to 3 s before it ends).
# Usage: bench/notice.sh [seconds=20] [clients=32]
# Environment: WARMUP (seconds, 60); SERVICE_JAR and SKIP_BUILD=1 to measure a jar built before.
# Each request is a visitor from Germany without a cached copy (no If-None-Match): the notice is
# computed and written in full every time.
source "$(dirname "$0")/lib.sh"
DURATION=${1:-20}
CLIENTS=${2:-32}
WARMUP=${WARMUP:-60}
[ "$DURATION" -ge 10 ] || { echo "the step needs at least 10 s" >&2; exit 1; }

build
fresh_database
start_service
create_site
URL="$BASE_URL/api/v1/sites/bench/notice"
curl -sf -H "X-Country: DE" "$URL" > /dev/null || { echo "the notice did not answer 200" >&2; exit 1; }

echo "Warming up the service (${WARMUP} s)"
wrk -t2 -c"$CLIENTS" -d"${WARMUP}s" -H "X-Country: DE" "$URL" > /dev/null

wrk -t2 -c"$CLIENTS" -d"${DURATION}s" --latency -H "X-Country: DE" "$URL" > "$WORK/wrk.txt" &
STEP_PID=$!
sleep 2
cpu_snapshot "$WORK/before" java
START=$(now)
sleep $((DURATION - 5))
cpu_snapshot "$WORK/after" java
END=$(now)
wait "$STEP_PID"
STEP_PID=

if grep -q "Non-2xx" "$WORK/wrk.txt"; then
  cat "$WORK/wrk.txt"
  echo "some requests were not answered 200" >&2
  exit 1
fi
RATE=$(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk.txt")
WINDOW=$(awk -v a="$START" -v b="$END" 'BEGIN {print b - a}')
REQUESTS=$(awk -v r="$RATE" -v w="$WINDOW" 'BEGIN {printf "%.0f", r * w}')
read -r PG JAVA JIT <<< "$(cpu_between "$WORK/before" "$WORK/after")"
P50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")
P99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
SERVICE=$(awk -v j="$JAVA" -v c="$JIT" 'BEGIN {print j - c}')
echo
echo "| clients | requests/s | p50 | p99 | CPU µs/request service (JIT apart) | of which JIT | PostgreSQL |"
echo "|---|---|---|---|---|---|---|"
echo "| $CLIENTS | $(printf '%.0f' "$RATE") | $P50 | $P99 | $(micros_per "$SERVICE" "$REQUESTS") | $(micros_per "$JIT" "$REQUESTS") | $(micros_per "$PG" "$REQUESTS" pg) |"
