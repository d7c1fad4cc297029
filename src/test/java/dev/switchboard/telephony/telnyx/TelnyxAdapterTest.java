package dev.switchboard.telephony.telnyx;

import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProvidersProperties;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/** The Telnyx adapter over real HTTP against {@link TelnyxEmulator}, which speaks Telnyx's wire format. */
class TelnyxAdapterTest {

    static TelnyxAdapter adapter(Duration timeout, URI baseUrl, Clock clock) {
        return new TelnyxAdapter(new ProvidersProperties(timeout, new ProvidersProperties.Sandbox(true),
                new ProvidersProperties.Twilio(URI.create("http://127.0.0.1:9")),
                new ProvidersProperties.Telnyx(baseUrl)), clock);
    }

    static ProviderAccount account(String apiKey) {
        return new ProviderAccount(UUID.nameUUIDFromBytes(apiKey.getBytes(StandardCharsets.UTF_8)),
                new ProviderCredentials.Telnyx(apiKey));
    }
}
