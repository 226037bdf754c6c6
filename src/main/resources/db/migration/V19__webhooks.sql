-- Webhooks (issue 24): the endpoints a site's admins register, and the transactional outbox of
-- their deliveries. Neither table is evidence nor on the ledger's path: a delivery's proof, when
-- it comes, is a ledger record of its own (webhook_delivery's 2xx answers), not these rows.
--
-- webhook.WebhookEndpoints owns webhook_endpoint; webhook.Deliveries owns webhook_delivery.
-- consent.EventInserts writes deliveries in the statement that records the events, through
-- consent.ConsentChangeOutbox, which webhook implements; policy and identity write theirs in
-- their own transactions through the events they fire.
create table webhook_endpoint (
    id                     uuid           primary key,
    site_id                uuid           not null references site (id),
    url                    varchar(2048)  not null,
    events                 text[]         not null,
    description            varchar(500),
    secret                 varchar(100)   not null,   -- whsec_..., needed in clear to sign
    previous_secret        varchar(100),              -- still signs until previous_secret_until
    previous_secret_until  timestamptz,
    created_at             timestamptz    not null,
    failing_since          timestamptz,               -- first failure since the last 2xx
    disabled_at            timestamptz,
    disabled_reason        varchar(300)
);
create index webhook_endpoint_site_idx on webhook_endpoint (site_id, created_at);

create table webhook_delivery (
    id                bigint        generated always as identity primary key,
    message_id        uuid          not null unique,   -- webhook-id: msg_<message_id>, the same on every attempt
    endpoint_id       uuid          not null references webhook_endpoint (id) on delete cascade,
    event_type        varchar(32)   not null,
    ordering_key      uuid,                            -- the visitor: their deliveries go in order
    event_id          uuid,                            -- the consent event, when there is one
    payload           jsonb         not null,          -- {type, timestamp, data}, the body on every attempt
    status            varchar(16)   not null default 'PENDING' check (status in ('PENDING', 'DELIVERED', 'FAILED')),
    attempts          integer       not null default 0,
    last_status_code  integer,
    last_error        varchar(200),
    next_attempt_at   timestamptz   not null,
    leased_until      timestamptz,                     -- a worker is delivering it; past this, another may
    created_at        timestamptz   not null,
    delivered_at      timestamptz
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_endpoint_idx on webhook_delivery (endpoint_id, id);
create index webhook_delivery_order_idx on webhook_delivery (endpoint_id, ordering_key, id) where status = 'PENDING';

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant select, insert, update, delete on webhook_endpoint, webhook_delivery to consent_app;
    end if;
end $$;
