-- Background job locks (ShedLock's JDBC store, dev.switchboard.SchedulingConfiguration): one row per job, held by
-- the instance running it until lock_until. Times are the database's (UTC), never an instance's clock. Runs on
-- PostgreSQL and on H2 (PostgreSQL mode).
CREATE TABLE shedlock (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,  -- the job, e.g. purchase-reconciliation
    lock_until  TIMESTAMP    NOT NULL,              -- free from then on (lockAtMostFor if the holder dies)
    locked_at   TIMESTAMP    NOT NULL,              -- when the last run began
    locked_by   VARCHAR(255) NOT NULL               -- host/pid of the instance that took it
);
