package dev.switchboard.telephony;

/**
 * A search the provider can honour neither natively nor by Switchboard's filtering of its results.
 * Names the filter key (as in the {@code filters} parameter, e.g. {@code postal_code}) and the provider.
 */
public final class UnsupportedSearch extends RuntimeException {

    private final TelephonyProviderName provider;
    private final String filter;

    public UnsupportedSearch(TelephonyProviderName provider, String filter, String reason) {
        super(reason);
        this.provider = provider;
        this.filter = filter;
    }

    public TelephonyProviderName provider() {
        return provider;
    }

    public String filter() {
        return filter;
    }
}
