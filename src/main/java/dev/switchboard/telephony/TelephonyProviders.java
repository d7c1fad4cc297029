package dev.switchboard.telephony;

import dev.switchboard.telephony.resilience.ProviderResilience;
import dev.switchboard.telephony.resilience.ResilientTelephonyProvider;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The adapters this instance runs, by provider name, each behind the deadline, retries, circuit breakers, cache and
 * metrics of {@link ProviderResilience}. A provider turned off by configuration is absent.
 */
@Component
public class TelephonyProviders {

    private final Map<TelephonyProviderName, TelephonyProvider> byName = new EnumMap<>(TelephonyProviderName.class);

    TelephonyProviders(List<TelephonyAdapter> adapters, ProviderResilience resilience) {
        for (TelephonyAdapter adapter : adapters) {
            if (byName.put(adapter.name(), new ResilientTelephonyProvider(adapter, resilience)) != null) {
                throw new IllegalStateException("two adapters for provider " + adapter.name());
            }
        }
    }

    /** The provider's adapter, wrapped: what every feature calls. */
    public Optional<TelephonyProvider> find(TelephonyProviderName name) {
        if (MDC.get("request_id") != null) {
            // the request's log lines, and its one-line summary, say which provider it used; cleared with the request
            MDC.put("provider", name.wireName());
        }
        return Optional.ofNullable(byName.get(name));
    }
}
