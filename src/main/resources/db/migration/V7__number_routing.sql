-- Issue 17, routing: where Switchboard pointed each held number at its provider, and how that stands. Runs on
-- PostgreSQL and on H2 (PostgreSQL mode); portable types only, JSON as VARCHAR.

-- routing_status: ok | pending | failed | drifted | released_externally; NULL for a number recorded before routing
-- existed (shown as ok, nothing set). routing_target: the RoutingTarget Switchboard set (JSON), NULL when it points
-- the number nowhere (no agent, or no routing configured). routing_previous: where a linked number pointed before it
-- was linked (JSON), restored when it is cancelled. routing_attempts / routing_next_attempt_at: the retry schedule of
-- a pending number.
ALTER TABLE phone_numbers ADD COLUMN routing_status VARCHAR(24);
ALTER TABLE phone_numbers ADD COLUMN routing_target VARCHAR;
ALTER TABLE phone_numbers ADD COLUMN routing_previous VARCHAR;
ALTER TABLE phone_numbers ADD COLUMN routing_checked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE phone_numbers ADD COLUMN routing_detail VARCHAR(500);
ALTER TABLE phone_numbers ADD COLUMN routing_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE phone_numbers ADD COLUMN routing_next_attempt_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX phone_numbers_routing_idx ON phone_numbers (routing_status, routing_next_attempt_at);

-- The sandbox provider's own record of where each of its numbers points (it is the provider: no user, no foreign
-- key), so routing can be tried without a provider account.
CREATE TABLE sandbox_routing (
    connection_id   UUID                     NOT NULL,
    phone_number    VARCHAR(16)              NOT NULL,  -- E.164
    voice_url       VARCHAR(2000),
    sms_url         VARCHAR(2000),
    application_id  VARCHAR(200),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (connection_id, phone_number)
);
