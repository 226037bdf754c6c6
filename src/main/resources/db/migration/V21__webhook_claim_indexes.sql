-- The delivery workers' claim (webhook.DeliveryClaims) goes endpoint by endpoint: each endpoint's
-- due rows in the order they are due, and how many of its rows are leased now. V19's indexes made
-- it read every pending row of every endpoint at each claim (130 ms with 9,000 pending).
create index webhook_delivery_endpoint_due_idx on webhook_delivery (endpoint_id, next_attempt_at, id)
    where status = 'PENDING';
create index webhook_delivery_leased_idx on webhook_delivery (endpoint_id, leased_until)
    where status = 'PENDING' and leased_until is not null;
drop index webhook_delivery_due_idx;
