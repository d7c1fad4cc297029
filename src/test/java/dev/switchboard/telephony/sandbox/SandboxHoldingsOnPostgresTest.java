package dev.switchboard.telephony.sandbox;

import dev.switchboard.support.PostgresDatabase;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sandbox's books on a real PostgreSQL server, as in production. */
@ExtendWith(PostgresDatabase.class)
class SandboxHoldingsOnPostgresTest extends SandboxHoldingsContract {

    private static DataSource database;
    private static SandboxTelephonyProvider sandbox;

    @BeforeAll
    static void connect() {
        database = SandboxDatabase.postgres();
        sandbox = newSandbox(database);
    }

    @Override
    protected DataSource database() {
        return database;
    }

    @Override
    protected SandboxTelephonyProvider sandbox() {
        return sandbox;
    }
}
