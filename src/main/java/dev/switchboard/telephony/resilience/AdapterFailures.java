package dev.switchboard.telephony.resilience;

import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.TelephonyProviderName;

/** What an adapter's call ended in, as the wrapper and its cache rethrow it. */
final class AdapterFailures {

    private AdapterFailures() {}

    /** What an adapter threw, rethrown as is when unchecked; anything checked is the provider failing. */
    static RuntimeException unchecked(TelephonyProviderName provider, Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new ProviderFault.Unavailable(provider, null, "The call to " + provider + " failed", failure);
    }
}
