-- consent.changed deliveries go out through a feed per endpoint instead of a row per endpoint
-- (issue 24, docs/performance.md "The change feed"). The event's statement writes one
-- webhook_change row per changed decision, whatever the number of endpoints, and only on a site
-- with an endpoint that wants consent.changed. Each endpoint keeps a cursor over its site's changes;
-- a delivery worker leases the cursor, sends what lies past it and, in one transaction, writes each
-- delivery's row in webhook_delivery as it ended (DELIVERED with its ledger record, or PENDING for
-- the outbox's retries) and moves the cursor. A row per delivery was written three times before
-- (with the event, at the lease, when delivered); now once, after the attempt.
--
-- As in the sequencer's feed (V9), identity ids are handed out before commit, so the cursor is an
-- (xid, id) position, and only changes of transactions older than the reader's snapshot xmin are
-- read: every such change that will ever be visible is visible then.
--
-- webhook.ChangeFeeds owns the cursor and reads the changes; consent.EventInserts writes them
-- through webhook.ConsentChanges. The feed's workers delete the changes every endpoint has passed.
create table webhook_change (
    id          bigint       generated always as identity primary key,
    xid         xid8         not null default pg_current_xact_id(),
    site_id     uuid         not null references site (id),
    visitor_id  uuid         not null,
    event_id    uuid         not null,
    payload     jsonb        not null,   -- {type, timestamp, data}, without the receipt signed after commit
    created_at  timestamptz  not null
);
create index webhook_change_feed_idx on webhook_change (site_id, xid, id);

-- The cursor: the last change handed on, in (xid, id) order. A new endpoint's starts at the first
-- transaction not yet begun (pg_snapshot_xmax), so it is told of changes made after it exists; so
-- does an endpoint enabled again (webhook.WebhookEndpoints), as no change is written for a disabled one.
alter table webhook_endpoint
    add column feed_xid xid8,
    add column feed_id bigint not null default 0,
    add column feed_leased_until timestamptz;
update webhook_endpoint set feed_xid = pg_snapshot_xmax(pg_current_snapshot());
alter table webhook_endpoint alter column feed_xid set not null,
    alter column feed_xid set default pg_snapshot_xmax(pg_current_snapshot());

-- The rows this migration finds pending stay in the outbox and are delivered from there.

do $$
begin
    if exists (select 1 from pg_roles where rolname = 'consent_app') then
        grant select, insert, delete on webhook_change to consent_app;
    end if;
end $$;
