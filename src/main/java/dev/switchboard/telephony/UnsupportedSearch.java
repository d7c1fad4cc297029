package dev.switchboard.telephony;

import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.ParameterError;
import dev.switchboard.web.ProblemSource;
import java.util.List;

/**
 * A search the provider can honour neither natively nor by Switchboard's filtering of its results.
 * Names the filter key (as in the {@code filters} parameter, e.g. {@code postal_code}) and the provider.
 */
public final class UnsupportedSearch extends RuntimeException implements ProblemSource {

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

    /** A 422 naming the filter, as any other invalid filter is answered. */
    @Override
    public Problem problem() {
        var invalid = new InvalidRequest(List.of(new ParameterError("filters." + filter,
                getMessage() + " (not supported by provider " + provider + ")")));
        return new Problem(invalid.type(), invalid.status(), invalid.getMessage()).with("errors", invalid.errors());
    }
}
