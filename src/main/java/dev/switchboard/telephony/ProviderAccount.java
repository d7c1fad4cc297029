package dev.switchboard.telephony;

import java.util.UUID;

/**
 * One provider account as an adapter sees it for one call: the Switchboard account connection it came
 * from (for keys and deterministic behaviour, never for storage) and its decrypted credentials.
 */
public record ProviderAccount(UUID connectionId, ProviderCredentials credentials) {

    public TelephonyProviderName provider() {
        return credentials.provider();
    }
}
