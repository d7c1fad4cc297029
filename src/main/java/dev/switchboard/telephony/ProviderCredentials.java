package dev.switchboard.telephony;

import java.util.Objects;

/**
 * Decrypted credentials of one provider account, as an adapter needs them for one call.
 * Every implementation's {@code toString} masks the secrets, so a credential logged by mistake leaks nothing.
 */
public sealed interface ProviderCredentials {

    TelephonyProviderName provider();

    /** Shows at most the last four characters of a secret, and none of a short one. */
    static String mask(String secret) {
        return secret.length() >= 12 ? "****" + secret.substring(secret.length() - 4) : "****";
    }

    /** The built-in sandbox needs no credentials. */
    record Sandbox() implements ProviderCredentials {
        @Override
        public TelephonyProviderName provider() {
            return TelephonyProviderName.SANDBOX;
        }
    }

    /** Twilio: the account SID (an identifier, shown in full) and its auth token (a secret). */
    record Twilio(String accountSid, String authToken) implements ProviderCredentials {
        public Twilio {
            Objects.requireNonNull(accountSid);
            Objects.requireNonNull(authToken);
        }

        @Override
        public TelephonyProviderName provider() {
            return TelephonyProviderName.TWILIO;
        }

        @Override
        public String toString() {
            return "Twilio[accountSid=" + accountSid + ", authToken=" + mask(authToken) + "]";
        }
    }

    /** Telnyx: a v2 API key (a secret). */
    record Telnyx(String apiKey) implements ProviderCredentials {
        public Telnyx {
            Objects.requireNonNull(apiKey);
        }

        @Override
        public TelephonyProviderName provider() {
            return TelephonyProviderName.TELNYX;
        }

        @Override
        public String toString() {
            return "Telnyx[apiKey=" + mask(apiKey) + "]";
        }
    }

    /** Vonage: the API key and API secret, both treated as secrets. */
    record Vonage(String apiKey, String apiSecret) implements ProviderCredentials {
        public Vonage {
            Objects.requireNonNull(apiKey);
            Objects.requireNonNull(apiSecret);
        }

        @Override
        public TelephonyProviderName provider() {
            return TelephonyProviderName.VONAGE;
        }

        @Override
        public String toString() {
            return "Vonage[apiKey=" + mask(apiKey) + ", apiSecret=" + mask(apiSecret) + "]";
        }
    }
}
