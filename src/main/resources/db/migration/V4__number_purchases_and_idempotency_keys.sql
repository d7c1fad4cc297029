-- The number lifecycle: purchase intents (crash safety) and idempotency keys. Runs on PostgreSQL and on H2
-- (PostgreSQL mode); portable types only, JSON as VARCHAR.

-- What the provider last said of a held number (ProviderDetails as JSON), captured when it was bought or linked.
ALTER TABLE phone_numbers ADD COLUMN provider_details VARCHAR;

-- A purchase is money: its intent is written (pending) before the provider is asked to buy, and its outcome
-- (bought, with the phone_numbers row it produced, or failed) after. A pending intent that outlives its request
-- (a crash, a database outage) is settled by asking the provider whether the account owns the number.
CREATE TABLE number_purchases (
    id                     UUID                     NOT NULL PRIMARY KEY,
    user_id                UUID                     NOT NULL REFERENCES users (id),
    account_connection_id  UUID                     NOT NULL REFERENCES account_connections (id),
    telephony_provider     VARCHAR(32)              NOT NULL,
    phone_number           VARCHAR(16)              NOT NULL,  -- E.164, always an exact number
    idempotency_key        VARCHAR(255),                       -- the request's Idempotency-Key, if it had one
    inbound_agent_id       UUID,                               -- the agent the number is to answer with
    state                  VARCHAR(16)              NOT NULL,  -- pending | bought | failed
    phone_number_id        UUID,                               -- the phone_numbers row it produced (bought)
    failure                VARCHAR(500),                       -- why it failed (failed)
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX number_purchases_state_idx ON number_purchases (state, created_at);
CREATE INDEX number_purchases_key_idx ON number_purchases (user_id, idempotency_key);
CREATE INDEX number_purchases_number_idx ON number_purchases (user_id, phone_number);

-- Idempotency-Key of POST calls that create or buy, per user: the request's fingerprint, a lease while the first
-- request is in flight, then its answer (status, content type, body) to replay for 24 hours.
CREATE TABLE idempotency_keys (
    user_id           UUID                     NOT NULL REFERENCES users (id),
    idempotency_key   VARCHAR(255)             NOT NULL,
    request_hash      VARCHAR(64)              NOT NULL,  -- SHA-256 (hex) of method, path, query and canonical body
    locked_until      TIMESTAMP WITH TIME ZONE,           -- in flight until then; null when not in flight
    response_status   INTEGER,                            -- null until answered with a replayable answer
    response_type     VARCHAR(200),
    response_body     VARCHAR,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, idempotency_key)
);
CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at);
