package dev.switchboard.telephony;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The port every provider adapter implements. Credentials travel with each call; a client adapter holds no
 * per-account state (the built-in sandbox, which is the provider itself, keeps each account's numbers). Every method
 * either answers or throws a {@link ProviderFault} (or {@link UnsupportedSearch} for a filter it cannot honour).
 *
 * <p>Each call gets the one {@link Deadline} of the port call, made by the resilience layer ({@link TelephonyProvider}
 * as features get it): every HTTP exchange the adapter makes for it (pages, a best-effort retry, a diagnosis) draws
 * on that budget, and an adapter never starts one of its own.
 */
public interface TelephonyAdapter {

    TelephonyProviderName name();

    /** Numbers on sale that the account could buy, matching every filter of the search. */
    AvailableNumbersPage searchInventory(ProviderAccount account, AvailableNumberSearch search, Deadline deadline);

    /** Numbers the account already owns, matching every filter of the search. */
    AvailableNumbersPage searchOwned(ProviderAccount account, AvailableNumberSearch search, Deadline deadline);

    /**
     * Buys this number (E.164), which the provider offers for sale, for the account. Returns the number as the
     * account now owns it, with the provider's own id in providerNumberId (Twilio PN..., Telnyx's phone number id,
     * Vonage has none: null). NOT idempotent at the provider: callers record their intent before calling and never
     * retry blindly. Throws ProviderFault.NumberNotOnSale when the provider does not (or no longer) offer(s) it.
     */
    AvailableNumber buy(ProviderAccount account, String phoneNumber, Deadline deadline);

    /** The account's own number, if the account owns it (link checks, crash repair, reconciliation). */
    Optional<AvailableNumber> findOwned(ProviderAccount account, String phoneNumber, Deadline deadline);

    /**
     * Releases a number the account owns, giving it back to the provider. providerNumberId is what buy/findOwned
     * returned when known. Releasing a number the account no longer owns succeeds (idempotent).
     */
    void release(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId, Deadline deadline);

    /**
     * Points the number at the target: every field the target sets is written at the provider in its own API (Twilio
     * {@code VoiceUrl}/{@code VoiceMethod}/{@code SmsUrl}, Telnyx {@code connection_id}, Vonage {@code app_id}); an
     * empty field clears it, a null one is left alone. Idempotent: pointing a number twice at one target changes
     * nothing. Throws ProviderFault.RejectedRequest (naming the field) when the provider refuses a value or
     * the account does not own the number.
     */
    void route(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId, RoutingTarget target,
            Deadline deadline);

    /**
     * Where the number points at the provider now (every field the provider has, empty when unset), or empty when the
     * account no longer owns the number.
     */
    Optional<RoutingTarget> readRouting(ProviderAccount account, String phoneNumber, @Nullable String providerNumberId,
            Deadline deadline);
}
