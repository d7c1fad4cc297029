-- The built-in sandbox provider's own books: which numbers it sold to which connection's sandbox account, and which
-- of an account's starter numbers (drawn from the seed, see SandboxAccounts) the account released. The sandbox is the
-- provider here, so these rows are the provider's state, not Switchboard's: no user_id and no foreign key to
-- account_connections (a provider keeps an account's numbers whatever Switchboard does with its connection), and
-- they survive a restart as a real provider's state would.

-- One row per number sold: the primary key is what sells a number once, even to two concurrent buyers.
CREATE TABLE sandbox_sold_numbers (
    phone_number        VARCHAR(16)              NOT NULL PRIMARY KEY,  -- E.164
    connection_id       UUID                     NOT NULL,
    provider_number_id  VARCHAR(64)              NOT NULL,              -- the sandbox's id of this sale, SB...
    sold_at             TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sandbox_sold_numbers_connection_idx ON sandbox_sold_numbers (connection_id);

-- Starter numbers an account released: they leave the account for good (they were never on sale).
CREATE TABLE sandbox_released_starters (
    connection_id  UUID                     NOT NULL,
    phone_number   VARCHAR(16)              NOT NULL,  -- E.164
    released_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (connection_id, phone_number)
);
