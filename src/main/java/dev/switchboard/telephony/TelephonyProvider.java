package dev.switchboard.telephony;

/**
 * The port every provider adapter implements. Credentials travel with each call; a client adapter holds no
 * per-account state (the built-in sandbox, which is the provider itself, keeps each account's numbers). Every method either answers or throws a {@link ProviderFault} (or
 * {@link UnsupportedSearch} for a filter it cannot honour) within the configured deadline.
 */
public interface TelephonyProvider {

    TelephonyProviderName name();

    /** Numbers on sale that the account could buy, matching every filter of the search. */
    AvailableNumbersPage searchInventory(ProviderAccount account, AvailableNumberSearch search);

    /** Numbers the account already owns, matching every filter of the search. */
    AvailableNumbersPage searchOwned(ProviderAccount account, AvailableNumberSearch search);
}
