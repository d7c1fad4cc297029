package dev.switchboard.connections;

import dev.switchboard.telephony.ProviderAccount;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One user's stored connection to a provider account, with its credentials decrypted for use.
 * Its {@code toString} shows only masked credentials (see {@link ConnectionCredentials}).
 */
public record AccountConnection(
        UUID id,
        UUID userId,
        AccountConnectionType type,
        @Nullable String label,
        @Nullable String description,
        ConnectionCredentials credentials,
        List<String> steeringPool,
        boolean accountSupportsAnyCallerId,
        Map<String, Object> config,
        Instant createdAt,
        Instant updatedAt) {

    public AccountConnection {
        steeringPool = List.copyOf(steeringPool);
        config = Map.copyOf(config);
    }

    /**
     * The account as the telephony port takes it; a connection that is not a telephony one (an OpenAI key) is a
     * 422 naming {@code telephony_account_connection}, so it can never reach an adapter.
     */
    public ProviderAccount providerAccount() {
        return switch (credentials) {
            case ConnectionCredentials.Telephony t -> new ProviderAccount(id, t.credentials());
            case ConnectionCredentials.OpenAi o -> throw AccountConnectionType.notTelephony(id, type);
        };
    }

    /** The connection as responses show it, credentials masked. */
    public AccountConnectionView view() {
        return new AccountConnectionView(id, userId, label, description, type.wireName(),
                CredentialFields.masked(type, credentials), steeringPool, accountSupportsAnyCallerId, config,
                createdAt, updatedAt);
    }
}
