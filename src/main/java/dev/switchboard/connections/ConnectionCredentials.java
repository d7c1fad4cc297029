package dev.switchboard.connections;

import dev.switchboard.telephony.ProviderCredentials;
import java.util.Objects;

/**
 * Decrypted credentials of an account connection: a telephony provider's (the port's {@link ProviderCredentials},
 * handed to adapters) or an OpenAI API key (which agents use and no telephony adapter ever sees).
 * Every {@code toString} masks the secrets.
 */
public sealed interface ConnectionCredentials {

    /** Credentials of a telephony provider account. */
    record Telephony(ProviderCredentials credentials) implements ConnectionCredentials {
        public Telephony {
            Objects.requireNonNull(credentials);
        }
    }

    /** An OpenAI API key (a secret). */
    record OpenAi(String apiKey) implements ConnectionCredentials {
        public OpenAi {
            Objects.requireNonNull(apiKey);
        }

        @Override
        public String toString() {
            return "OpenAi[apiKey=" + ProviderCredentials.mask(apiKey) + "]";
        }
    }
}
