package dev.switchboard.telephony;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A provider as every feature gets it from {@link TelephonyProviders}: its {@link TelephonyAdapter} behind the
 * resilience layer, which gives each call one deadline ({@code switchboard.providers.timeout}) and passes it to the
 * adapter. Every method either answers or throws a {@link ProviderFault} (or {@link UnsupportedSearch} for a filter
 * the provider cannot honour) within that deadline.
 */
public interface TelephonyProvider {

    TelephonyProviderName name();

    /** Numbers on sale that the account could buy, matching every filter of the search. */
    AvailableNumbersPage searchInventory(ProviderAccount account, AvailableNumberSearch search);

    /** Numbers the account already owns, matching every filter of the search. */
    AvailableNumbersPage searchOwned(ProviderAccount account, AvailableNumberSearch search);

    /**
     * Buys this number (E.164), which the provider offers for sale, for the account. Returns the number as the
     * account now owns it, with the provider's own id in providerNumberId (Twilio PN..., Telnyx's phone number id,
     * Vonage has none: null). NOT idempotent at the provider: callers record their intent before calling and never
     * retry blindly. Throws ProviderFault.NumberNotOnSale when the provider does not (or no longer) offer(s) it.
     */
    AvailableNumber buy(ProviderAccount account, String phoneNumber);

    /** The account's own number, if the account owns it (link checks, crash repair, reconciliation). */
    Optional<AvailableNumber> findOwned(ProviderAccount account, String phoneNumber);

    /**
     * Releases a number the account owns, giving it back to the provider. providerNumberId is what buy/findOwned
     * returned when known. Releasing a number the account no longer owns succeeds (idempotent).
     */
    void release(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId);

    /**
     * Points the number at the target (see {@link RoutingTarget}): set fields are written, empty ones cleared, null
     * ones left alone. Idempotent, so retried like a read.
     */
    void route(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId, RoutingTarget target);

    /** Where the number points at the provider now, or empty when the account no longer owns it. */
    Optional<RoutingTarget> readRouting(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId);
}
