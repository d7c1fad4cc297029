package dev.switchboard.telephony;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code switchboard.providers.*} for tests, bound the way the application binds it: whatever a test does not set
 * has the default {@link ProvidersProperties} declares, the one place defaults live.
 */
public final class ProviderSettings {

    private ProviderSettings() {}

    /** Every setting at its default. */
    public static ProvidersProperties defaults() {
        return bind(Map.of());
    }

    /** These settings (keys below {@code switchboard.providers.}, e.g. {@code twilio.base-url}), the rest defaults. */
    public static ProvidersProperties bind(Map<String, String> settings) {
        var source = new MapConfigurationPropertySource();
        settings.forEach((key, value) -> source.put("switchboard.providers." + key, value));
        return new Binder(source).bindOrCreate("switchboard.providers", ProvidersProperties.class);
    }

    /** The settings an adapter's tests need: its deadline and where its provider (an emulator) answers. */
    public static ProvidersProperties adapter(TelephonyProviderName provider, Duration timeout, URI baseUrl) {
        return bind(Map.of("timeout", timeout.toMillis() + "ms", provider.wireName() + ".base-url", baseUrl.toString()));
    }
}
