package dev.switchboard;

import dev.switchboard.agents.AgentResourcesContract;
import dev.switchboard.agents.AgentsContract;
import dev.switchboard.agents.AgentsIsolationContract;
import dev.switchboard.connections.AccountConnectionsContract;
import dev.switchboard.numbers.AvailableNumbersContract;
import dev.switchboard.numbers.IdempotencyContract;
import dev.switchboard.numbers.NumberCrashSafetyContract;
import dev.switchboard.numbers.NumberIsolationContract;
import dev.switchboard.numbers.NumberLifecycleContract;
import dev.switchboard.support.OnPostgres;
import dev.switchboard.users.ApiKeysContract;
import dev.switchboard.users.AuthenticationContract;
import dev.switchboard.web.RequestHygieneContract;

/** The same API contract on a real PostgreSQL server. */
class ApiOnPostgresTest extends OnPostgres
        implements AuthenticationContract, AccountConnectionsContract, AvailableNumbersContract,
        AgentsContract, AgentResourcesContract, AgentsIsolationContract,
        NumberLifecycleContract, IdempotencyContract, NumberCrashSafetyContract, NumberIsolationContract,
        ApiKeysContract, RequestHygieneContract {}
