#!/bin/bash
# Runs once, when the postgres container initialises an empty data directory. The owner role runs
# the migrations and owns the schema; the service logs in as consent_app, which the migrations
# grant SELECT and INSERT only (UPDATE on site), so its credentials cannot rewrite history.
set -euo pipefail
: "${CONSENT_OWNER_PASSWORD:?set CONSENT_OWNER_PASSWORD}"
: "${CONSENT_APP_PASSWORD:?set CONSENT_APP_PASSWORD}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v owner_password="$CONSENT_OWNER_PASSWORD" -v app_password="$CONSENT_APP_PASSWORD" <<'SQL'
create role consent_owner login password :'owner_password';
create role consent_app login password :'app_password';
create database consent owner consent_owner;
revoke all on database consent from public;
grant connect on database consent to consent_app;
SQL
