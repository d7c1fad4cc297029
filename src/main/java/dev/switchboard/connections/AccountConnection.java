package dev.switchboard.connections;

import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderCredentials;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One user's stored connection to a provider account, with its credentials decrypted for use.
 * Its {@code toString} shows only masked credentials (see {@link ProviderCredentials}).
 */
public record AccountConnection(
        UUID id,
        UUID userId,
        AccountConnectionType type,
        @Nullable String label,
        @Nullable String description,
        ProviderCredentials credentials,
        List<String> steeringPool,
        boolean accountSupportsAnyCallerId,
        Map<String, Object> config,
        Instant createdAt,
        Instant updatedAt) {

    public AccountConnection {
        steeringPool = List.copyOf(steeringPool);
        config = Map.copyOf(config);
    }

    /** The account as the telephony port takes it. */
    public ProviderAccount providerAccount() {
        return new ProviderAccount(id, credentials);
    }

    /** The connection as responses show it, credentials masked. */
    public AccountConnectionView view() {
        return new AccountConnectionView(id, userId, label, description, type.wireName(),
                CredentialFields.masked(type, credentials), steeringPool, accountSupportsAnyCallerId, config,
                createdAt, updatedAt);
    }
}
