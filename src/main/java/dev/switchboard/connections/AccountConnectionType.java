package dev.switchboard.connections;

import dev.switchboard.telephony.TelephonyProviderName;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of account connection, by the {@code type} the API uses, with the credential fields each takes.
 * Each telephony type is tied to the provider whose numbers it searches and buys.
 */
public enum AccountConnectionType {
    TWILIO("account_connection_twilio", TelephonyProviderName.TWILIO),
    TELNYX("account_connection_telnyx", TelephonyProviderName.TELNYX),
    VONAGE("account_connection_vonage", TelephonyProviderName.VONAGE),
    SANDBOX("account_connection_sandbox", TelephonyProviderName.SANDBOX);

    private final String wireName;
    private final TelephonyProviderName provider;

    AccountConnectionType(String wireName, TelephonyProviderName provider) {
        this.wireName = wireName;
        this.provider = provider;
    }

    public String wireName() {
        return wireName;
    }

    public TelephonyProviderName provider() {
        return provider;
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
