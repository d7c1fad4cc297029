package dev.switchboard.connections;

import dev.switchboard.telephony.TelephonyProviderName;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import dev.switchboard.web.InvalidRequest;
import org.jspecify.annotations.Nullable;

/**
 * The kinds of account connection, by the {@code type} the API uses, with the credential fields each takes.
 * Each telephony type is tied to the provider whose numbers it searches and buys; {@code account_connection_openai}
 * holds an OpenAI key for agents and has no telephony provider.
 */
public enum AccountConnectionType {
    TWILIO("account_connection_twilio", TelephonyProviderName.TWILIO),
    TELNYX("account_connection_telnyx", TelephonyProviderName.TELNYX),
    VONAGE("account_connection_vonage", TelephonyProviderName.VONAGE),
    SANDBOX("account_connection_sandbox", TelephonyProviderName.SANDBOX),
    /** An OpenAI API key for agents; no telephony provider. */
    OPENAI("account_connection_openai", null);

    private final String wireName;
    private final @Nullable TelephonyProviderName provider;

    AccountConnectionType(String wireName, @Nullable TelephonyProviderName provider) {
        this.wireName = wireName;
        this.provider = provider;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether connections of this type hold a telephony provider account (numbers can be searched and bought). */
    public boolean isTelephony() {
        return provider != null;
    }

    /**
     * The telephony provider of this type. A type without one ({@code account_connection_openai}) is a 422 naming
     * {@code telephony_account_connection}: whoever asks wanted a telephony connection and was given another.
     */
    public TelephonyProviderName provider() {
        if (provider == null) {
            throw notTelephony(null, this);
        }
        return provider;
    }

    static InvalidRequest notTelephony(@Nullable UUID connectionId, AccountConnectionType type) {
        return new InvalidRequest("telephony_account_connection", "must be a telephony account connection (one of "
                + Arrays.stream(values()).filter(AccountConnectionType::isTelephony).map(t -> t.wireName).toList()
                + "); " + (connectionId == null ? "this one" : connectionId.toString()) + " is " + type.wireName
                + ", which has no telephony provider");
    }

    public static Optional<AccountConnectionType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    static List<String> wireNames() {
        return Arrays.stream(values()).map(AccountConnectionType::wireName).toList();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
