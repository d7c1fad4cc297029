package dev.switchboard.telephony.sandbox;

import javax.sql.DataSource;

/** The sandbox's books on the embedded H2 (PostgreSQL mode), as the service runs by default. */
class SandboxHoldingsOnH2Test extends SandboxHoldingsContract {

    private static final DataSource DATABASE = SandboxDatabase.h2();
    private static final SandboxTelephonyProvider SANDBOX = newSandbox(DATABASE);

    @Override
    protected DataSource database() {
        return DATABASE;
    }

    @Override
    protected SandboxTelephonyProvider sandbox() {
        return SANDBOX;
    }
}
