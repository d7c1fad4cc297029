-- Issue 17: event webhooks. A webhook subscribes to number events in number_events (a JSON array of names such as
-- "number.purchased"), beside the platform's call events in subscriptions, which keeps only the platform's names so
-- its SDK parses every webhook. Events are signed with the webhook's own secret: AES-256-GCM under the service's
-- secret key, like connection credentials (NULL for a webhook made before this version until it is given one).
ALTER TABLE webhooks ADD COLUMN number_events VARCHAR NOT NULL DEFAULT '[]';
ALTER TABLE webhooks ADD COLUMN signing_secret_ciphertext BYTEA;

-- The outbox: one row per (event, subscribed webhook), written in the transaction that records the number's change,
-- so the change and its queued event commit together or not at all. The delivery worker claims due rows by a lease
-- (claimed_by, claimed_until), posts the body and records the outcome; the row stays as the delivery's history.
CREATE TABLE webhook_deliveries (
    id                UUID                     NOT NULL PRIMARY KEY,
    event_id          UUID                     NOT NULL,
    event_type        VARCHAR(64)              NOT NULL,
    webhook_id        UUID                     NOT NULL REFERENCES webhooks (id),
    user_id           UUID                     NOT NULL REFERENCES users (id),
    body              VARCHAR                  NOT NULL,  -- the event's JSON, fixed when queued: every attempt sends it
    status            VARCHAR(16)              NOT NULL,  -- pending | delivered | failed
    attempts          INTEGER                  NOT NULL,
    next_attempt_at   TIMESTAMP WITH TIME ZONE,
    claimed_by        VARCHAR(100),
    claimed_until     TIMESTAMP WITH TIME ZONE,
    last_status_code  INTEGER,
    last_error        VARCHAR(500),
    last_attempt_at   TIMESTAMP WITH TIME ZONE,
    delivered_at      TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT webhook_deliveries_once UNIQUE (event_id, webhook_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, created_at, id);
