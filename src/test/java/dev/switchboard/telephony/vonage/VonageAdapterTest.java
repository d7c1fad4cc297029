package dev.switchboard.telephony.vonage;

import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProvidersProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** The Vonage adapter over real HTTP against {@link VonageEmulator}, which speaks Vonage's wire format. */
class VonageAdapterTest {

    static VonageAdapter adapter(Duration timeout, URI baseUrl, Clock clock) {
        return new VonageAdapter(new ProvidersProperties(timeout, new ProvidersProperties.Sandbox(true),
                new ProvidersProperties.Twilio(URI.create("https://api.twilio.com")),
                new ProvidersProperties.Vonage(baseUrl)), clock);
    }

    static ProviderAccount account(String apiKey, String apiSecret) {
        return new ProviderAccount(UUID.nameUUIDFromBytes(apiKey.getBytes(StandardCharsets.UTF_8)),
                new ProviderCredentials.Vonage(apiKey, apiSecret));
    }
}
