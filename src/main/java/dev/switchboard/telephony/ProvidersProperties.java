package dev.switchboard.telephony;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
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
        @DefaultValue Twilio twilio,
        @DefaultValue Telnyx telnyx,
        @DefaultValue Vonage vonage) {

    // Marked because of the shorter constructor below: the binder must use this one.
    @ConstructorBinding
    public ProvidersProperties {}

    /** Keeps code written before the Telnyx and Vonage adapters compiling; they then have their default base URLs. */
    public ProvidersProperties(Duration timeout, Sandbox sandbox, Twilio twilio) {
        this(timeout, sandbox, twilio, new Telnyx(URI.create(Telnyx.DEFAULT_BASE_URL)),
                new Vonage(URI.create(Vonage.DEFAULT_BASE_URL)));
    }

    /**
     * @param enabled whether the built-in sandbox provider may be used (operators may turn it off)
     * @param seed what the sandbox draws its numbers from: the same seed gives the same inventory and the same
     *     owned numbers on every run and every machine, so demos and tests can name exact numbers
     */
    public record Sandbox(@DefaultValue("true") boolean enabled, @DefaultValue("8675309") long seed) {

        public static final long DEFAULT_SEED = 8_675_309L;

        // Marked because of the shorter constructor below: the binder must use this one.
        @ConstructorBinding
        public Sandbox {}

        /** Keeps code written before the seed existed compiling; such a sandbox uses the default seed. */
        public Sandbox(boolean enabled) {
            this(enabled, DEFAULT_SEED);
        }
    }

    /** @param baseUrl Twilio's REST API root; tests and benchmarks point it at an emulator */
    public record Twilio(@DefaultValue("https://api.twilio.com") URI baseUrl) {}

    /** @param baseUrl Telnyx's API root (the adapter adds {@code /v2/...}); tests point it at an emulator */
    public record Telnyx(@DefaultValue(Telnyx.DEFAULT_BASE_URL) URI baseUrl) {
        public static final String DEFAULT_BASE_URL = "https://api.telnyx.com";
    }

    /**
     * @param baseUrl the root of Vonage's (formerly Nexmo's) REST API, where {@code /number/search} and {@code
     *     /account/numbers} live; tests and benchmarks point it at an emulator
     */
    public record Vonage(@DefaultValue("https://rest.nexmo.com") URI baseUrl) {
        public static final String DEFAULT_BASE_URL = "https://rest.nexmo.com";
    }
}
