package dev.switchboard.telephony;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.providers.*}: how Switchboard reaches the providers.
 *
 * @param timeout the deadline of every provider call, from sending the request to the last byte of the answer
 */
@ConfigurationProperties("switchboard.providers")
public record ProvidersProperties(
        @DefaultValue("10s") Duration timeout,
        @DefaultValue Sandbox sandbox,
        @DefaultValue Twilio twilio) {

    /** @param enabled whether the built-in sandbox provider may be used (operators may turn it off) */
    public record Sandbox(@DefaultValue("true") boolean enabled) {}

    /** @param baseUrl Twilio's REST API root; tests and benchmarks point it at an emulator */
    public record Twilio(@DefaultValue("https://api.twilio.com") URI baseUrl) {}
}
