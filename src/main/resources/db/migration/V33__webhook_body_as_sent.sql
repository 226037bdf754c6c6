-- A delivery's body is kept as the text it is sent as, not as jsonb (issue 24, docs/performance.md
-- "The change feed"). A consent.changed body is its change with the event's receipt, which is
-- signed after the change is committed. To send the very bytes every later attempt sends, the feed
-- had PostgreSQL parse each body into jsonb and print it back before the first attempt, then parse
-- it again to store it: a third of PostgreSQL's time per delivery under bench/webhooks.sh. As text,
-- the worker composes the body once, sends it and stores it as sent. Every body stored so far was
-- sent as this very text (payload::text), so the rows keep their bytes.
alter table webhook_delivery alter column payload type text using payload::text;
