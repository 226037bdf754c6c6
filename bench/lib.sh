# Shared by the bench scripts: build, a scratch database, the service, and a site.
# Everything runs on this machine: the service, PostgreSQL and the load generator.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
PG_USER=${PG_USER:-postgres}
BENCH_DB=${BENCH_DB:-consent_bench}
APP_PORT=${APP_PORT:-18080}
# Metrics live on the management port (9000 in production): moved next to APP_PORT, so a bench
# run beside another service on this machine does not fail to start.
MANAGEMENT_PORT=${MANAGEMENT_PORT:-$((APP_PORT + 1))}
BASE_URL="http://127.0.0.1:$APP_PORT"
PSQL=(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -v ON_ERROR_STOP=1 -qAt)
WORK=$(mktemp -d /tmp/consent-bench.XXXXXX)
TICKS_PER_SECOND=$(getconf CLK_TCK)
case "$PG_HOST" in 127.0.0.1|localhost|::1) LOCAL_PG=1 ;; *) LOCAL_PG=0 ;; esac

build() {
  if [ "${SKIP_BUILD:-}" != "1" ]; then
    (cd "$ROOT" && mvn -q -B package -DskipTests)
  fi
}

fresh_database() {
  "${PSQL[@]}" -d postgres -c "drop database if exists $BENCH_DB" -c "create database $BENCH_DB"
}

# The load generator plays the edge (127.0.0.1 is trusted, so its X-Country header counts), and it
# is one client by design, so the per-client rate limits are off.
start_service() {
  # Kept across restarts within a run: the ledger refuses checkpoints signed by another key, so its
  # last signed checkpoint lives with the key, not in ./data/ledger (a run there would stop every
  # later run from checkpointing).
  [ -f "$WORK/signing-key.pem" ] || openssl genpkey -algorithm ed25519 -out "$WORK/signing-key.pem" 2>/dev/null
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://$PG_HOST:$PG_PORT/$BENCH_DB" \
  QUARKUS_DATASOURCE_USERNAME="$PG_USER" \
  QUARKUS_HTTP_PORT="$APP_PORT" \
  QUARKUS_MANAGEMENT_PORT="$MANAGEMENT_PORT" \
  CONSENT_GEO_COUNTRY_HEADER=X-Country \
  CONSENT_EDGE_TRUSTED_PROXIES=127.0.0.1 \
  CONSENT_LIMITS_ENABLED=false \
  CONSENT_LEDGER_SIGNING_KEY_FILE="$WORK/signing-key.pem" \
  CONSENT_LEDGER_STATE_DIR="$WORK/ledger" \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="$ROOT/src/test/resources/test-jwt/public.pem" \
  MP_JWT_VERIFY_ISSUER=consent-ledger-bench \
  java ${JAVA_OPTS:--Xmx512m} -jar "${SERVICE_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}" >> "$WORK/service.log" 2>&1 &
  SERVICE_PID=$!
  trap stop_service EXIT
  for _ in $(seq 1 60); do
    curl -sf "$BASE_URL/q/health/ready" > /dev/null && return 0
    sleep 1
  done
  echo "The service did not start; see $WORK/service.log" >&2
  exit 1
}

stop_service() {
  # A run that ends early takes its load generator with it (STEP_PID: wrk or pgbench, when running).
  [ -n "${STEP_PID:-}" ] && kill "$STEP_PID" 2>/dev/null || true
  if [ -n "${SERVICE_PID:-}" ]; then
    kill "$SERVICE_PID" 2>/dev/null || true
    wait "$SERVICE_PID" 2>/dev/null || true
    SERVICE_PID=
  fi
}

# A site straight in the database: the bench measures ingestion, not the admin API.
create_site() {
  "${PSQL[@]}" -d "$BENCH_DB" -c "insert into site (id, site_key, name, origins, categories,
      implied_consent_categories, created_at, updated_at)
    values (gen_random_uuid(), 'bench', 'Bench', '{}', '{functional,analytics,marketing}',
      '{functional,analytics,marketing}', now(), now())"
}

sql() {
  "${PSQL[@]}" -d "$BENCH_DB" -c "$1"
}

# Rows against acknowledgements: every acknowledged eventId must be in the table. Rows beyond
# them are requests still in flight when the load generator stopped, committed but unanswered.
check_acknowledged() {
  cat "$WORK"/acks-*.txt > "$WORK/acks.txt"
  sql "create table if not exists bench_ack (event_id uuid)"
  "${PSQL[@]}" -d "$BENCH_DB" -c "truncate bench_ack" -c "\\copy bench_ack from '$WORK/acks.txt'"
  ACKED=$(sql "select count(*) from bench_ack")
  MISSING=$(sql "select count(*) from bench_ack a where not exists (select 1 from consent_event e where e.event_id = a.event_id)")
  ROWS=$(sql "select count(*) from consent_event")
}

# A token for the groups given (by default "auditor") signed with the test key (the bench service
# trusts only that key), valid for the service's longest token lifetime (consent.tokens.max-lifetime, 1h).
token() { # [group]
  local b64url='openssl base64 -A | tr "+/" "-_" | tr -d "="'
  local header payload signature now
  now=$(date +%s)
  header=$(printf '{"alg":"RS256","typ":"JWT"}' | eval "$b64url")
  payload=$(printf '{"iss":"consent-ledger-bench","sub":"bench","groups":["%s"],"iat":%d,"exp":%d}' \
    "${1:-auditor}" "$now" $((now + 3600)) | eval "$b64url")
  signature=$(printf '%s.%s' "$header" "$payload" \
    | openssl dgst -sha256 -sign "$ROOT/src/test/resources/test-jwt/private.pem" | eval "$b64url")
  printf '%s.%s.%s' "$header" "$payload" "$signature"
}

auditor_token() { token auditor; }

# N synthetic events for site 'bench' (and a share for other sites), written straight into the
# table: a mix of types, countries and visitors, about five events per visitor. The ledger's
# enqueue trigger is paused while seeding (the bench measures reads, not sequencing), unless the
# second argument is "queued": then every event waits in ledger_queue and nothing is analyzed.
# SEED_START and SEED_STEP place them in time (by default from 2026-01-01, 10 a second), and
# SEED_VERSIONS is what the events received from SEED_VERSIONS_FROM on name (by default nothing).
seed_events() {
  local n=$1 queued=${2:-}
  sql "insert into site (id, site_key, name, origins, categories, implied_consent_categories, created_at, updated_at)
       select gen_random_uuid(), 'other-' || g, 'Other', '{}', '{functional,analytics,marketing}',
              '{functional,analytics,marketing}', now(), now() from generate_series(1, 9) g
       on conflict (site_key) do nothing"
  [ "$queued" = "queued" ] || sql "alter table consent_event disable trigger consent_event_to_ledger"
  # Since V26 the service keeps user agents and page URLs in the event_text dictionary, and so does the seed.
  local texts=inline outcomes=inline
  [ "$(sql "select to_regclass('event_text') is not null")" = "t" ] && texts=dictionary
  # Since V28 outcomes too. Each lookup names the dictionary's unique key, digest included: joined by
  # value alone, the planner scanned a site's every page for each seeded event.
  [ "$(sql "select count(*) from information_schema.columns where table_name = 'consent_event'
            and column_name = 'outcome_id'")" = "1" ] && outcomes=dictionary
  local outcome='{"basis":"EXPLICIT","categories":{"analytics":"GRANTED","functional":"DENIED","marketing":"DENIED","necessary":"GRANTED"},"acknowledged":[]}'
  sql "create temporary table seed as
       select g, case when g % 10 < 7 then (select id from site where site_key = 'bench')
                      else (select id from site where site_key = 'other-' || (g % 9 + 1)) end as site_id,
              'https://www.example.com/article/' || (g % 5000) as page_url,
              'Mozilla/5.0 (X11; Linux x86_64) bench'::text as user_agent
       from generate_series(1, $n) g;
       $( [ "$texts" = dictionary ] && echo "
       insert into event_text (site_id, kind, value, keep_until)
         select distinct site_id, 'P', page_url, date '2028-04-01' from seed
         union all select distinct site_id, 'U', user_agent, date '2028-04-01' from seed
         $( [ "$outcomes" = dictionary ] && echo "union all select distinct site_id, 'O', '$outcome', date '2028-04-01' from seed" )
         on conflict do nothing;" )
       insert into consent_event (event_id, site_id, visitor_id, type, document_version_ids, categories, basis,
         outcome, country, eea, jurisdiction_source, page_url, language, user_agent, ip_prefix, gpc, client_time,
         received_at, request_hash, retain_until$( [ "$texts" = dictionary ] && echo ", page_url_id, user_agent_id")$(
         [ "$outcomes" = dictionary ] && echo ", outcome_id"))
       select gen_random_uuid(),
              seed.site_id,
              ('00000000-0000-4000-8000-' || lpad(to_hex(g / 5), 12, '0'))::uuid,
              (array['NOTICE_SHOWN','BANNER_CLOSED','BROWSING_CONTINUED','ACCEPT_ALL','REJECT_ALL',
                     'PREFERENCES_SAVED','WITHDRAWN'])[g % 7 + 1],
              case when timestamptz '${SEED_START:-2026-01-01}' + g * interval '${SEED_STEP:-100 milliseconds}'
                        >= timestamptz '${SEED_VERSIONS_FROM:-2026-01-01}' then '${SEED_VERSIONS:-{\}}'::uuid[]
                   else '{}' end, null, 'EXPLICIT',
              $( [ "$outcomes" = dictionary ] && echo null || echo "'$outcome'" ),
              (array['DE','FR','IT','US','GB','BR','NO','JP','IN','ES'])[g % 10 + 1],
              (g % 10) in (0, 1, 2, 6, 9), 'HEADER', $( [ "$texts" = dictionary ] && echo null || echo seed.page_url ), 'en-US',
              $( [ "$texts" = dictionary ] && echo null || echo seed.user_agent ), '203.0.113.0/24', g % 13 = 0, null,
              timestamptz '${SEED_START:-2026-01-01}' + g * interval '${SEED_STEP:-100 milliseconds}',
              md5(g::text) || md5((g + 1)::text),
              date '2028-04-01'
              $( [ "$texts" = dictionary ] && echo ", pu.id, ua.id" ) $( [ "$outcomes" = dictionary ] && echo ", oc.id" )
       from seed $( [ "$texts" = dictionary ] && echo "
         join event_text pu on pu.site_id = seed.site_id and pu.kind = 'P'
           and event_text_digest(pu.value) = event_text_digest(seed.page_url)
         join event_text ua on ua.site_id = seed.site_id and ua.kind = 'U'
           and event_text_digest(ua.value) = event_text_digest(seed.user_agent)" ) $(
         [ "$outcomes" = dictionary ] && echo "
         join event_text oc on oc.site_id = seed.site_id and oc.kind = 'O'
           and event_text_digest(oc.value) = event_text_digest('$outcome')" )
       order by g"
  [ "$queued" = "queued" ] && return 0
  # From V27 the paused trigger also claims the eventIds a writer left unclaimed: claim them here.
  # From V30 the claims are kept by site.
  if [ "$(sql "select to_regclass('legacy_event_key') is not null")" = "t" ]; then
    sql "insert into consent_event_key (site_id, event_id, retain_until, event_row_id)
         select site_id, event_id, retain_until, id from consent_event on conflict do nothing"
  elif [ "$(sql "select to_regproc('ledger_enqueue_events_left_out') is not null")" = "t" ]; then
    sql "insert into consent_event_key (event_id, retain_until, event_row_id)
         select event_id, retain_until, id from consent_event on conflict do nothing"
  fi
  sql "alter table consent_event enable trigger consent_event_to_ledger"
  sql "vacuum analyze consent_event"
}

# consent_decision from the events seeded with plain SQL (the service maintains it only for the
# events it writes itself): the backfill statement of its migration, V17, taken from the file so
# that the bench applies the very rule the migration does.
fill_decisions() {
  local statement
  statement=$(awk '/^insert into consent_decision/ {on = 1} on {print} on && /;$/ {exit}' \
    "$ROOT"/src/main/resources/db/migration/V17__*.sql)
  [ -n "$statement" ] || { echo "no backfill statement found in V17" >&2; exit 1; }
  # Since V28 an event's outcome may be in the dictionary: the statement reads it from there.
  [ "$(sql "select count(*) from information_schema.columns where table_name = 'consent_event'
            and column_name = 'outcome_id'")" = "1" ] &&
    statement=${statement/from consent_event/from (select id, event_id, site_id, visitor_id, type, regime, rules_version,
      document_version_ids, received_at, retain_until, coalesce((select t.value::jsonb from event_text t
      where t.id = e.outcome_id), e.outcome) as outcome from consent_event e) consent_event}
  sql "truncate consent_decision"
  sql "$statement"
  # Since V31 a decision names its outcome in the dictionary, as the writer does: V31's own update.
  if [ "$(sql "select count(*) from information_schema.columns where table_name = 'consent_decision'
            and column_name = 'outcome_id'")" = "1" ]; then
    sql "$(awk '/^update consent_decision/ {on = 1} on {print} on && /;$/ {exit}' \
      "$ROOT"/src/main/resources/db/migration/V31__*.sql)"
    sql "vacuum full consent_decision"
  fi
  sql "vacuum analyze consent_decision"
}

# "pid ticks" for each process measured: PostgreSQL's backends of this database and its background
# processes (walwriter, checkpointer, ...), and the service when asked.
cpu_snapshot() { # out-file [java]
  local pids=""
  if [ "$LOCAL_PG" = 1 ]; then
    pids=$(sql "select pid from pg_stat_activity where (datname = current_database() or datname is null)
                and pid <> pg_backend_pid()")
  fi
  [ "${2:-}" = java ] && pids="$pids java:$SERVICE_PID"
  # The JVM's JIT compiler threads, also counted on their own: after a short warm-up on a busy
  # machine they still take a large share, which a long-running service no longer pays.
  # A thread that ends between the glob and the read makes grep exit 2 whatever it found; under
  # "set -e -o pipefail" that ended the whole run at random, leaving wrk running.
  [ "${2:-}" = java ] && pids="$pids $({ grep -l "CompilerThre" /proc/"$SERVICE_PID"/task/*/comm 2>/dev/null || true; } \
    | sed 's|^/proc/\([0-9]*\)/task/\([0-9]*\)/comm$|jit:\1/task/\2|' | tr '\n' ' ')"
  : > "$1"
  local entry pid stat rest
  for entry in $pids; do
    pid=${entry#java:}
    pid=${pid#jit:}
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    rest=${stat##*) } # after "pid (comm) ": field 3 (state) onwards; utime and stime are fields 14 and 15
    echo "$entry $(echo "$rest" | awk '{print $12 + $13}')" >> "$1"
  done
  [ "$LOCAL_PG" = 0 ] || pg_whole_ticks >> "$1"
}

# Seconds of all of PostgreSQL's CPU between two snapshots (see pg_whole_ticks), every database's.
pg_whole_between() { # before after
  awk -v hz="$TICKS_PER_SECOND" '$1 == "pgall" {t[FILENAME == ARGV[1]] = $2} END {printf "%.3f\n", (t[0] - t[1]) / hz}' "$1" "$2"
}

# All of PostgreSQL's CPU ticks so far, as "pgall <ticks>" (cpu_snapshot adds it when the server is
# local): the postmaster's own, its live children's, and its reaped children's, which the kernel adds
# to the postmaster's cutime and cstime once it has waited for them. Unlike the per-process lines,
# it keeps what a process that ended inside the window spent: an autovacuum worker, a psql of sql().
pg_whole_ticks() {
  local postmaster total=0 f stat fields
  postmaster=$(sql "select pid from pg_stat_activity where backend_type = 'checkpointer'")
  postmaster=$(awk '{print $4}' "/proc/$postmaster/stat")
  for f in /proc/[0-9]*/stat; do
    { read -r stat < "$f"; } 2>/dev/null || continue
    read -r -a fields <<< "${stat##*) }" # field 3 (state) onwards: ppid, utime, stime, cutime, cstime at 1, 11-14
    if [ "${f//[^0-9]/}" = "$postmaster" ]; then
      total=$(( total + fields[11] + fields[12] + fields[13] + fields[14] ))
    elif [ "${fields[1]}" = "$postmaster" ]; then
      total=$(( total + fields[11] + fields[12] ))
    fi
  done
  echo "pgall $total"
}

# Seconds of CPU between two snapshots: "<postgres> <service> <service's JIT compiler threads>".
# A process or thread new in the second one counts from zero.
cpu_between() { # before after
  awk -v hz="$TICKS_PER_SECOND" 'NR == FNR {start[$1] = $2; next}
    $1 == "pgall" {next}
    {used = $2 - ($1 in start ? start[$1] : 0)
     if ($1 ~ /^java:/) java += used; else if ($1 ~ /^jit:/) jit += used; else pg += used}
    END {printf "%.3f %.3f %.3f\n", pg / hz, java / hz, jit / hz}' "$1" "$2"
}

now() { date +%s.%N; }

micros_per() { # cpu-seconds count
  if [ "$LOCAL_PG" = 0 ] && [ "${3:-}" = pg ]; then echo "n/a"; return; fi
  awk -v c="$1" -v n="$2" 'BEGIN {if (n > 0) printf "%.0f", c * 1000000 / n; else print "n/a"}'
}

# Waits for the sequencer to take everything queued so far, so no step pays for the one before
# (at most SEQUENCER_WAIT seconds, 120 by default).
await_sequencer() {
  for _ in $(seq 1 "${SEQUENCER_WAIT:-120}"); do
    [ "$(sql "select count(*) from ledger_queue q, ledger_sequencer_mark m where (q.xid, q.id) > (m.xid, m.id)")" = 0 ] \
      && return 0
    sleep 1
  done
  echo "warning: the sequencer is still $(sql "select count(*) from ledger_queue q, ledger_sequencer_mark m
    where (q.xid, q.id) > (m.xid, m.id)") records behind after ${SEQUENCER_WAIT:-120} s" >&2
}

# A psql session kept open for the whole run (application_name bench-session): what it runs
# between two cpu_snapshot calls is counted with PostgreSQL's CPU, as a short-lived session's
# would not be (it has ended by the second snapshot).
open_kept_session() {
  mkfifo "$WORK/session"
  PGAPPNAME=bench-session "${PSQL[@]}" -d "$BENCH_DB" < "$WORK/session" > "$WORK/session.out" 2>&1 &
  KEPT_SESSION_PID=$!
  exec 8> "$WORK/session"
}
close_kept_session() {
  [ -n "${KEPT_SESSION_PID:-}" ] || return 0
  exec 8>&-
  wait "$KEPT_SESSION_PID" || true
  KEPT_SESSION_PID=
}
in_kept_session() { # statement (without its semicolon): runs it there and waits for it to end
  local mark="ended-$RANDOM-$RANDOM"
  printf '%s;\n\\echo %s\n' "$1" "$mark" >&8
  until grep -q "^$mark\$" "$WORK/session.out"; do
    kill -0 "$KEPT_SESSION_PID" 2>/dev/null || { echo "the kept psql session ended: $(cat "$WORK/session.out")" >&2; exit 1; }
    sleep 0.2
  done
}

per_second() { awk -v n="$1" -v s="$2" 'BEGIN {printf "%.0f", n / s}'; }

# Waits until ledger_leaf holds at least N rows, for at most MAX seconds; LEAVES is the count reached.
await_leaves() { # count max-seconds
  local started
  started=$(date +%s)
  LEAVES=$(sql "select count(*) from ledger_leaf")
  while [ "$LEAVES" -lt "$1" ] && [ $(( $(date +%s) - started )) -lt "$2" ]; do
    sleep 2
    LEAVES=$(sql "select count(*) from ledger_leaf")
  done
}

# One figure per jar, as a table, when the run compared several: "| jar | LABEL |" with the
# global arrays JARS and FIGURES, then the last over the first.
jar_table() { # label
  [ ${#FIGURES[@]} -gt 1 ] || return 0
  echo "| jar | $1 |"
  echo "|---|---|"
  for i in "${!JARS[@]}"; do
    echo "| ${JARS[$i]} | ${FIGURES[$i]} |"
  done
  echo "ratio last/first: $(awk -v a="${FIGURES[0]}" -v b="${FIGURES[-1]}" 'BEGIN { printf "%.2f", b / a }')"
}

# A fresh database with SERVICE_JAR's schema: its service migrates it and stops before it sequences anything.
migrated_database() {
  fresh_database
  CONSENT_LEDGER_SEQUENCE_INTERVAL=24h start_service
  stop_service
}
