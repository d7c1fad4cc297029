package dev.switchboard.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.quotas.*}: how much one user may keep. Generous: they stop a runaway script or a hostile
 * account from filling the database, not a real customer.
 *
 * @param connectionsPerUser account connections
 * @param agentsPerUser agents
 * @param numbersPerUser active numbers (bought or linked, not cancelled)
 * @param apiKeysPerUser API keys not revoked
 */
@ConfigurationProperties("switchboard.quotas")
public record QuotaProperties(
        @DefaultValue("200") long connectionsPerUser,
        @DefaultValue("1000") long agentsPerUser,
        @DefaultValue("5000") long numbersPerUser,
        @DefaultValue("20") long apiKeysPerUser) {}
