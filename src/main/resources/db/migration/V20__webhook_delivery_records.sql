-- Proof of propagation (issue 24): each 2xx answer to a webhook delivery, as an append-only ledger
-- record (source webhook_delivery; the name webhook_delivery is the outbox's table, V19). Written
-- in the transaction that marks the outbox row DELIVERED (webhook.DeliveryClaims), so neither is
-- ever without the other. A delivery made again (a retry or a replay of a delivered row) and
-- answered 2xx again is a second record: each says one receiver was told once.
--
-- The endpoint appears by its id and the SHA-256 of its URL (as its GET shows it, UTF-8, hex):
-- a URL may carry the receiver's own token, and auditors need only check it against one they know.
-- No foreign key to webhook_endpoint: a deleted endpoint's deliveries go, its proofs stay.
-- event_id is the consent event, for consent.changed only. The visitor is the event's, and is left
-- out on purpose: records are kept, as identity_event is, after retention purges the event, and a
-- purged event must then no longer be linked to its visitor (docs/ledger.md, Retention).
-- webhook.DeliveryRecords owns the table.
create table webhook_delivery_record (
    id            bigint       generated always as identity primary key,
    site_id       uuid         not null references site (id),
    endpoint_id   uuid         not null,
    url_sha256    char(64)     not null check (url_sha256 ~ '^[0-9a-f]{64}$'),
    event_type    varchar(32)  not null,
    event_id      uuid,
    message_id    uuid         not null,   -- webhook-id: msg_<message_id>
    status_code   integer      not null check (status_code between 200 and 299),
    delivered_at  timestamptz  not null,
    check ((event_type = 'consent.changed') = (event_id is not null))
);
create index webhook_delivery_record_event_idx on webhook_delivery_record (event_id) where event_id is not null;

select make_append_only('webhook_delivery_record');
create trigger webhook_delivery_record_to_ledger after insert on webhook_delivery_record
    for each row execute function ledger_enqueue_record('webhook_delivery');
