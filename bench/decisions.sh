#!/usr/bin/env bash
# Decision reads at scale (issue 23): what a site's backend waits for when it asks what a visitor
# or a signed-in person decided, on the packaged jar, with a real service token.
# Usage: bench/decisions.sh [events=10000000] [seconds=30] [throughput connections="8 32"]
# Environment: WARMUP (seconds, 60: before that the JIT is what is measured); USERS (accounts
# linked through the API, 3000, with 2 or 3 visitor ids each); SKIP_BUILD=1; KEEP_DATABASE=1
# keeps the database (about 12 GB at 10M events), and REUSE_DATABASE=1 measures such a database
# again without seeding it (same events argument).
#
# 1. Seeds the events as bench/audit.sh does (the bench site holds 70%: 2 or 5 events for each of
#    events/5 visitors, every type, explicit and implied acts), fills consent_decision with its
#    migration's backfill, and links USERS accounts to random visitor ids through the API.
# 2. Checks the packaged jar first: single and bulk reads of sampled visitors (some decided by an
#    explicit act, some by an implied one), of linked visitor ids, of accounts and of an unknown
#    visitor answer what SQL over consent_event says under the rule (the latest explicit act by
#    id, else the latest implied one, over every visitor id of the account), and a matching ETag
#    answers 304. Any difference ends the run.
# 3. Measures with wrk, each step for the same number of seconds: one kept-alive connection, one
#    request after another, for random visitorIds, random userIds, a 304 revalidation and the
#    bulk call of 1,000 subjects (90% visitorIds); then random visitorIds on more connections.
#    CPU per read comes from /proc over each step, the service (its JIT compiler threads also
#    apart) and PostgreSQL (the bench database's backends and the cluster's background processes)
#    apart, as bench/ingest.sh does.
# 4. Prints a table, the machine and its load, and EXPLAIN ANALYZE of the two statements a read
#    runs (the account links concerned, then the decisions of every visitor id concerned).
source "$(dirname "$0")/lib.sh"
EVENTS=${1:-10000000}
DURATION=${2:-30}
CONNECTIONS=${3-"8 32"}
WARMUP=${WARMUP:-60}
USERS=${USERS:-3000}
VISITORS=$((EVENTS / 5))
SAMPLE=200
KEPT=/tmp/$BENCH_DB.kept

build
visitor_uuid() { awk '{printf "00000000-0000-4000-8000-%012x\n", $1}'; }
if [ "${REUSE_DATABASE:-}" = 1 ]; then
  # A database left by a run with KEEP_DATABASE=1 (same event count): measures again, seeds nothing,
  # with that run's ledger signing key (the ledger refuses checkpoints signed by another).
  cp -r "$KEPT"/. "$WORK"/
  start_service
  TOKEN=$(token service)
  "${PSQL[@]}" -d "$BENCH_DB" -c "\\copy bench_link to '$WORK/links.txt' with (delimiter ' ')"
else
  fresh_database
  start_service
  create_site
  echo "Seeding $EVENTS events"
  time seed_events "$EVENTS"
  echo "Filling consent_decision"
  time fill_decisions
  TOKEN=$(token service)

  # Accounts with 2 or 3 devices each, on distinct random visitor ids: "userId visitorId" lines.
  echo "Linking $USERS accounts through the API"
  shuf -i 0-$((VISITORS - 1)) -n $((USERS * 3)) | visitor_uuid \
    | awk -v users="$USERS" '{u = int((NR - 1) / 3) + 1; if (u <= users && (u % 2 == 0 || (NR - 1) % 3 < 2))
        print "bench-user-" u, $1}' > "$WORK/links.txt"
  awk -v url="$BASE_URL/api/v1/sites/bench/identities" -v token="$TOKEN" '{
      if (NR > 1) print "next"
      print "url = \"" url "\""
      print "data = \"{\\\"visitorId\\\":\\\"" $2 "\\\",\\\"userId\\\":\\\"" $1 "\\\"}\""
      print "header = \"Content-Type: application/json\""
      print "header = \"Authorization: Bearer " token "\""
      print "output = \"/dev/null\""
      print "write-out = \"%{http_code}\\n\""}' "$WORK/links.txt" > "$WORK/links.curl"
  time curl -s --no-progress-meter --parallel --parallel-max 4 -K "$WORK/links.curl" > "$WORK/link-statuses.txt"
  created=$(grep -cx 201 "$WORK/link-statuses.txt" || true)
  [ "$created" = "$(wc -l < "$WORK/links.txt")" ] || {
    echo "FAILED: $created of $(wc -l < "$WORK/links.txt") links answered 201: $(sort "$WORK/link-statuses.txt" | uniq -c | tr '\n' ' ')" >&2
    exit 1; }
  sql "vacuum analyze identity_link"
  sql "create table bench_link (user_id text, visitor_id uuid)"
  "${PSQL[@]}" -d "$BENCH_DB" -c "\\copy bench_link from '$WORK/links.txt' with (delimiter ' ')"
fi
export TOKEN
SITE_ID=$(sql "select id from site where site_key = 'bench'")
linked=$(sql "select count(*) from identity_link where site_id = '$SITE_ID'")
USERS=$(sql "select count(distinct user_hash) from identity_link where site_id = '$SITE_ID'")
echo "$linked visitor ids linked to $USERS accounts"

# --- 2. The packaged jar answers what the events say ---------------------------------------------
# The rule, written from the issue rather than from the code: over the events of the visitor ids
# given, the latest explicit act by id, or without one the latest implied act.
expected_of() { # SQL giving the visitor ids of one subject, as "visitor_id"
  echo "select e.event_id, e.type, e.outcome -> 'categories' from consent_event e
        where e.site_id = '$SITE_ID' and e.visitor_id in ($1)
          and e.type in ('ACCEPT_ALL', 'REJECT_ALL', 'PREFERENCES_SAVED', 'WITHDRAWN', 'OPTED_OUT', 'BANNER_CLOSED', 'BROWSING_CONTINUED')
        order by e.type in ('ACCEPT_ALL', 'REJECT_ALL', 'PREFERENCES_SAVED', 'WITHDRAWN', 'OPTED_OUT') desc, e.id desc limit 1"
}
# "subject|eventId|type|categories": unlinked random visitors, the linked ones, the accounts.
shuf -i 0-$((VISITORS - 1)) -n $SAMPLE | visitor_uuid > "$WORK/sample.txt"
{
  grep -vxFf <(cut -d' ' -f2 "$WORK/links.txt") "$WORK/sample.txt" | while read -r v; do
    echo "visitorId=$v|$(sql "$(expected_of "'$v'")" < /dev/null)"
  done
  head -n 30 "$WORK/links.txt" | while read -r u v; do
    echo "visitorId=$v|$(sql "$(expected_of "select visitor_id from bench_link where user_id = '$u'")" < /dev/null)"
  done
  head -n 30 "$WORK/links.txt" | cut -d' ' -f1 | sort -u | while read -r u; do
    echo "userId=$u|$(sql "$(expected_of "select visitor_id from bench_link where user_id = '$u'")" < /dev/null)"
  done
} > "$WORK/expected.txt"
implied=$(awk -F'|' '$3 == "BANNER_CLOSED" || $3 == "BROWSING_CONTINUED"' "$WORK/expected.txt" | wc -l)
[ "$implied" -gt 0 ] && [ "$implied" -lt "$(wc -l < "$WORK/expected.txt")" ] \
  || { echo "FAILED: the sample needs subjects decided by explicit and by implied acts ($implied implied)" >&2; exit 1; }

answer_line() { # decisions as JSON -> "eventId|categories" lines, categories in key order
  jq -rc '"\(.eventId)|\(.categories | to_entries | sort_by(.key) | from_entries | tojson)"'
}
mismatches=0
compare() { # label answered-file: one line per subject of expected.txt, in its order
  if ! diff <(paste -d'|' "$WORK/subjects.txt" "$WORK/expected-lines.txt") \
            <(paste -d'|' "$WORK/subjects.txt" "$2") > "$WORK/diff.txt"; then
    echo "MISMATCH ($1): the API (>) and SQL over consent_event (<) disagree:" >&2
    head -n 20 "$WORK/diff.txt" >&2
    mismatches=$((mismatches + 1))
  fi
}
cut -d'|' -f1 "$WORK/expected.txt" > "$WORK/subjects.txt"
awk -F'|' '{print $2 "|" $4}' "$WORK/expected.txt" | while IFS='|' read -r id categories; do
  echo "$id|$(echo "$categories" | jq -Sc .)"
done > "$WORK/expected-lines.txt"
# Single reads, one curl each.
while read -r subject; do
  curl -s -H "Authorization: Bearer $TOKEN" "$BASE_URL/api/v1/sites/bench/decisions?$subject" < /dev/null | answer_line
done < "$WORK/subjects.txt" > "$WORK/single-lines.txt"
compare "single reads" "$WORK/single-lines.txt"
# The same subjects in one bulk call, in that order.
jq -Rs 'split("\n") | map(select(. != "") | split("=") | {(.[0]): .[1]}) | {subjects: .}' \
  < "$WORK/subjects.txt" > "$WORK/bulk-request.json"
curl -s -H "Authorization: Bearer $TOKEN" -H "Content-Type: application/json" --data-binary @"$WORK/bulk-request.json" \
  "$BASE_URL/api/v1/sites/bench/decisions/query" | jq -c '.decisions[]' | answer_line > "$WORK/bulk-lines.txt"
compare "bulk call" "$WORK/bulk-lines.txt"
# An unknown visitor: not decided, only the required category (necessary) granted.
unknown=$(curl -sf -H "Authorization: Bearer $TOKEN" \
  "$BASE_URL/api/v1/sites/bench/decisions?visitorId=00000000-0000-4000-8000-ffffffffffff")
[ "$(echo "$unknown" | jq -c '[.decided, .eventId, (.categories | to_entries | map(select(.value == "GRANTED").key))]')" \
  = '[false,null,["necessary"]]' ] \
  || { echo "MISMATCH (unknown visitor): $unknown" >&2; mismatches=$((mismatches + 1)); }
# A matching ETag: 304.
subject=$(head -n 1 "$WORK/subjects.txt")
etag=$(curl -sf -o /dev/null -w '%header{etag}' -H "Authorization: Bearer $TOKEN" "$BASE_URL/api/v1/sites/bench/decisions?$subject")
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H "If-None-Match: $etag" \
  "$BASE_URL/api/v1/sites/bench/decisions?$subject")
[ "$status" = 304 ] || { echo "MISMATCH (revalidation): $status, not 304, for If-None-Match: $etag" >&2; mismatches=$((mismatches + 1)); }
[ "$mismatches" = 0 ] || { echo "FAILED: $mismatches checks of the decisions against consent_event failed" >&2; exit 1; }
echo "Checked: $(wc -l < "$WORK/expected.txt") subjects ($implied decided by an implied act) read singly and in bulk" \
  "equal SQL over consent_event; an unknown visitor is undecided; a matching ETag answers 304"

# --- 3. Latency, throughput and CPU per read ----------------------------------------------------
shuf -i 0-$((VISITORS - 1)) -n 100000 | visitor_uuid | sed 's/^/visitorId=/' > "$WORK/visitors.txt"
cut -d' ' -f1 "$WORK/links.txt" | sort -u | sed 's/^/userId=/' > "$WORK/users.txt"
# Bulk calls: 90% visitorIds, 10% userIds.
{ head -n 27000 "$WORK/visitors.txt"; cat "$WORK/users.txt"; } > "$WORK/mixed.txt"
# Revalidation: 2,000 visitors with the ETags they answer now, fetched on one kept-alive connection.
head -n 2000 "$WORK/visitors.txt" | awk -v base="$BASE_URL/api/v1/sites/bench/decisions?" -v token="$TOKEN" '{
    if (NR > 1) print "next"
    print "url = \"" base $1 "\""
    print "header = \"Authorization: Bearer " token "\""
    print "output = \"/dev/null\""
    print "write-out = \"%header{etag}\\n\""}' > "$WORK/etags.curl"
curl -s -K "$WORK/etags.curl" | paste <(head -n 2000 "$WORK/visitors.txt") - > "$WORK/revalidate.txt"

wrk_decisions() { # connections seconds subjects-file [bulk]; prints the wrk summary lines to $WORK/wrk.txt
  SUBJECTS=$3 BULK=${4:-} wrk -t"$(( $1 < 2 ? 1 : 2 ))" -c"$1" -d"$2s" -s "$BENCH_DIR/get-decision.lua" "$BASE_URL" \
    > "$WORK/wrk.txt" &
  STEP_PID=$!
  wait "$STEP_PID"
  STEP_PID=
}

echo "Warming up the service (${WARMUP} s): single reads on 4 connections, bulk calls on 1"
SUBJECTS="$WORK/mixed.txt" BULK=1000 wrk -t1 -c1 -d"${WARMUP}s" -s "$BENCH_DIR/get-decision.lua" "$BASE_URL" > /dev/null &
warm_bulk=$!
wrk_decisions 4 "$WARMUP" "$WORK/mixed.txt"
wait "$warm_bulk"

RESULTS="$WORK/results.md"
{
  echo "| read at $EVENTS events, ${DURATION} s each | connections | requests | reads/s | p50 ms | p90 ms | p99 ms | max ms | unexpected status | CPU µs/read service | of which JIT | CPU µs/read PostgreSQL | load average (1 min) |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} > "$RESULTS"
step() { # label connections subjects-file [bulk]
  cpu_snapshot "$WORK/cpu0" java
  local t0 t1
  t0=$(now)
  wrk_decisions "$2" "$DURATION" "$3" "${4:-}"
  t1=$(now)
  cpu_snapshot "$WORK/cpu1" java
  local pg java jit requests unexpected
  read -r pg java jit < <(cpu_between "$WORK/cpu0" "$WORK/cpu1")
  requests=$(sed -n 's/.*requests=\([0-9]*\).*/\1/p' "$WORK/wrk.txt")
  unexpected=$(sed -n 's/.*unexpected=\([0-9]*\).*/\1/p' "$WORK/wrk.txt")
  echo "| $1 | $2 | $requests | $(awk -v n="$requests" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", n / (b - a)}') |" \
    "$(sed -n 's/.*p50=\([0-9.]*\) p90=\([0-9.]*\) p99=\([0-9.]*\) max=\([0-9.]*\).*/\1 | \2 | \3 | \4/p' "$WORK/wrk.txt") |" \
    "$unexpected | $(micros_per "$java" "$requests") | $(micros_per "$jit" "$requests") | $(micros_per "$pg" "$requests" pg) |" \
    "$(cut -d' ' -f1 /proc/loadavg) |" | tee -a "$RESULTS"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
step "one visitorId" 1 "$WORK/visitors.txt"
step "one userId (2 or 3 visitor ids)" 1 "$WORK/users.txt"
step "one visitorId, If-None-Match: 304" 1 "$WORK/revalidate.txt"
step "bulk, 1,000 subjects (10% userIds)" 1 "$WORK/mixed.txt" 1000
for c in $CONNECTIONS; do
  step "one visitorId" "$c" "$WORK/visitors.txt"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 4. The two statements of a read -------------------------------------------------------------
one_visitor=$(sed -n '1s/visitorId=//p' "$WORK/visitors.txt")
one_hash=$(sql "select user_hash from identity_link where site_id = '$SITE_ID' limit 1")
thousand="array[$(head -n 1000 "$WORK/visitors.txt" | sed "s/visitorId=\(.*\)/'\1'/" | paste -sd,)]::uuid[]"
links_sql() { # visitor-ids-array hashes-array
  echo "select user_hash, visitor_id from identity_link where site_id = '$SITE_ID' and user_hash in
        (select user_hash from identity_link where site_id = '$SITE_ID' and visitor_id = any($1)
         union select unnest($2::char(64)[])) order by user_hash, linked_by"
}
decisions_sql() { # visitor-ids-array
  echo "select site_id, visitor_id, event_row_id, event_id, type, explicit, outcome, regime, rules_version,
        document_version_ids, received_at, retain_until from consent_decision where site_id = '$SITE_ID' and visitor_id = any($1)"
}
{
  echo '```'
  echo "-- links, one visitorId"
  sql "explain analyze $(links_sql "array['$one_visitor']::uuid[]" "array[]::text[]")"
  echo
  echo "-- links, one userId"
  sql "explain analyze $(links_sql "array[]::uuid[]" "array['$one_hash']")"
  echo
  echo "-- decisions, one visitorId"
  sql "explain analyze $(decisions_sql "array['$one_visitor']::uuid[]")"
  echo
  echo "-- decisions, 1,000 visitorIds"
  sql "explain analyze $(decisions_sql "$thousand")"
  echo '```'
} | sed -E "s/'\{[^}]{200,}\}'/'{1,000 ids}'/" > "$WORK/explain.md"

echo
cat "$RESULTS"
echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; load average $load_before before the steps," \
  "$load_after after; PostgreSQL $(sql 'show server_version') (shared_buffers $(sql 'show shared_buffers'));" \
  "$(java -version 2>&1 | head -1); consent_decision $(sql "select pg_size_pretty(pg_total_relation_size('consent_decision'))")," \
  "$(sql "select count(*) from consent_decision") rows; $linked visitor ids linked to $USERS accounts"
echo
cat "$WORK/explain.md"
stop_service
# 10M events take about 12 GB: dropped unless KEEP_DATABASE=1.
if [ "${KEEP_DATABASE:-}" = 1 ]; then
  mkdir -p "$KEPT" && cp -r "$WORK/signing-key.pem" "$WORK/ledger" "$KEPT"/
else
  "${PSQL[@]}" -d postgres -c "drop database $BENCH_DB"
fi
