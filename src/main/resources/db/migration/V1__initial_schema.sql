-- Switchboard's first schema. Runs unchanged on PostgreSQL and on the embedded H2 (PostgreSQL mode):
-- portable types only (UUID, VARCHAR, BYTEA, BOOLEAN, INTEGER, DOUBLE PRECISION, TIMESTAMP WITH TIME ZONE).
-- JSON values are stored as VARCHAR holding a JSON document, written and read by the application.
-- Every table that holds a user's data carries user_id, and every query filters on it.

CREATE TABLE users (
    id          UUID                     NOT NULL PRIMARY KEY,
    email       VARCHAR(320)             NOT NULL,  -- stored lower-cased
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- Bearer API keys, stored as SHA-256 of the key (keys are 256-bit random, so a fast hash is enough to
-- make a stolen table useless, and it allows one indexed lookup per request).
CREATE TABLE api_keys (
    id          UUID                     NOT NULL PRIMARY KEY,
    user_id     UUID                     NOT NULL REFERENCES users (id),
    key_hash    BYTEA                    NOT NULL,
    key_prefix  VARCHAR(16)              NOT NULL,  -- the first characters, to tell keys apart in an audit
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash);
CREATE INDEX api_keys_user_idx ON api_keys (user_id);

-- Provider credentials. credentials_ciphertext is AES-256-GCM over the credentials' JSON, with the
-- row's id and user id as associated data, so a ciphertext copied to another row does not decrypt.
CREATE TABLE account_connections (
    id                              UUID                     NOT NULL PRIMARY KEY,
    user_id                         UUID                     NOT NULL REFERENCES users (id),
    type                            VARCHAR(64)              NOT NULL,
    label                           VARCHAR(200),
    description                     VARCHAR(2000),
    credentials_ciphertext          BYTEA                    NOT NULL,
    steering_pool                   VARCHAR                  NOT NULL,  -- JSON array of E.164 strings
    account_supports_any_caller_id  BOOLEAN                  NOT NULL,
    config                          VARCHAR                  NOT NULL,  -- JSON object
    created_at                      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX account_connections_user_idx ON account_connections (user_id, created_at, id);

CREATE TABLE prompt_templates (
    id                     UUID                     NOT NULL PRIMARY KEY,
    user_id                UUID                     NOT NULL REFERENCES users (id),
    label                  VARCHAR(200),
    required_context_keys  VARCHAR                  NOT NULL,  -- JSON array of strings
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX prompt_templates_user_idx ON prompt_templates (user_id, created_at, id);

CREATE TABLE prompts (
    id                  UUID                     NOT NULL PRIMARY KEY,
    user_id             UUID                     NOT NULL REFERENCES users (id),
    label               VARCHAR(200),
    description         VARCHAR(2000),
    content             VARCHAR                  NOT NULL,
    context_endpoint    VARCHAR(2048),
    collect_fields      VARCHAR                  NOT NULL,  -- JSON array of strings
    type                VARCHAR(64)              NOT NULL,
    tags                VARCHAR                  NOT NULL,  -- JSON array of strings
    prompt_template_id  UUID                     REFERENCES prompt_templates (id),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX prompts_user_idx ON prompts (user_id, created_at, id);

CREATE TABLE actions (
    id              UUID                     NOT NULL PRIMARY KEY,
    user_id         UUID                     NOT NULL REFERENCES users (id),
    type            VARCHAR(64)              NOT NULL,
    label           VARCHAR(200),
    description     VARCHAR(2000),
    config          VARCHAR                  NOT NULL,  -- JSON object
    action_trigger  VARCHAR                  NOT NULL,  -- JSON object
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX actions_user_idx ON actions (user_id, created_at, id);

CREATE TABLE voices (
    id           UUID                     NOT NULL PRIMARY KEY,
    user_id      UUID                     NOT NULL REFERENCES users (id),
    label        VARCHAR(200),
    description  VARCHAR(2000),
    provider     VARCHAR(64),
    voice_id     VARCHAR(200),
    config       VARCHAR                  NOT NULL,  -- JSON object
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX voices_user_idx ON voices (user_id, created_at, id);

CREATE TABLE webhooks (
    id             UUID                     NOT NULL PRIMARY KEY,
    user_id        UUID                     NOT NULL REFERENCES users (id),
    subscriptions  VARCHAR                  NOT NULL,  -- JSON array of event names
    url            VARCHAR(2048)            NOT NULL,
    method         VARCHAR(16)              NOT NULL,
    label          VARCHAR(200),
    description    VARCHAR(2000),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX webhooks_user_idx ON webhooks (user_id, created_at, id);

CREATE TABLE agents (
    id                            UUID                     NOT NULL PRIMARY KEY,
    user_id                       UUID                     NOT NULL REFERENCES users (id),
    name                          VARCHAR(200)             NOT NULL,
    prompt_id                     UUID                     REFERENCES prompts (id),
    language                      VARCHAR(35),
    voice_id                      UUID                     REFERENCES voices (id),
    initial_message               VARCHAR(4000),
    webhook_id                    UUID                     REFERENCES webhooks (id),
    interrupt_sensitivity         VARCHAR(16),
    context_endpoint              VARCHAR(2048),
    noise_suppression             BOOLEAN,
    endpointing_sensitivity       VARCHAR(16),
    ivr_navigation_mode           VARCHAR(32),
    conversation_speed            DOUBLE PRECISION,
    initial_message_delay         INTEGER,
    openai_model_name_override    VARCHAR(200),
    ask_if_human_present_on_idle  BOOLEAN,
    openai_account_connection_id  UUID                     REFERENCES account_connections (id),
    run_do_not_call_detection     BOOLEAN,
    llm_fallback                  VARCHAR,                 -- JSON object
    deepgram_keywords             VARCHAR,                 -- JSON object of keyword to boost
    idle_time_seconds             INTEGER,
    llm_temperature               DOUBLE PRECISION,
    enable_recording              BOOLEAN,
    provider                      VARCHAR(64),
    model                         VARCHAR(200),
    label                         VARCHAR(200),
    description                   VARCHAR(2000),
    transcriber                   VARCHAR,                 -- JSON object
    call_duration_sec             INTEGER,
    max_idle_check_count          INTEGER,
    created_at                    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX agents_user_idx ON agents (user_id, created_at, id);

-- An agent's actions, in the order the agent lists them.
CREATE TABLE agent_actions (
    agent_id   UUID    NOT NULL REFERENCES agents (id),
    action_id  UUID    NOT NULL REFERENCES actions (id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (agent_id, action_id)
);

-- The numbers a user holds through Switchboard, bought or linked. A phone number is held once.
CREATE TABLE phone_numbers (
    id                     UUID                     NOT NULL PRIMARY KEY,
    user_id                UUID                     NOT NULL REFERENCES users (id),
    phone_number           VARCHAR(16)              NOT NULL,  -- E.164
    telephony_provider     VARCHAR(32)              NOT NULL,
    account_connection_id  UUID                     NOT NULL REFERENCES account_connections (id),
    acquisition            VARCHAR(16)              NOT NULL,  -- bought | linked
    provider_number_id     VARCHAR(64),                        -- the provider's id, e.g. Twilio's PN sid
    active                 BOOLEAN                  NOT NULL,
    label                  VARCHAR(200),
    description            VARCHAR(2000),
    outbound_only          BOOLEAN                  NOT NULL,
    example_context        VARCHAR                  NOT NULL,  -- JSON object
    inbound_agent_id       UUID                     REFERENCES agents (id),
    created_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX phone_numbers_phone_number_key ON phone_numbers (phone_number);
CREATE INDEX phone_numbers_user_idx ON phone_numbers (user_id, created_at, id);
CREATE INDEX phone_numbers_connection_idx ON phone_numbers (account_connection_id);
