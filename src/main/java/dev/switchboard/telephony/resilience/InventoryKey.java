package dev.switchboard.telephony.resilience;

import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.TelephonyProviderName;
import java.util.UUID;

/**
 * What identifies one search of numbers on sale, in {@link InventoryCache} and, digested, in {@link SharedInventory}:
 * the provider, the account connection, its credentials' {@link CredentialFingerprint} (never a secret) and the whole
 * search.
 */
record InventoryKey(TelephonyProviderName provider, UUID connectionId, String credentials,
        AvailableNumberSearch search) {}
