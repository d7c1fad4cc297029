package dev.switchboard.telephony;

import java.util.Arrays;
import java.util.Optional;

/** The telephony providers Switchboard speaks to, by the name the API uses for them. */
public enum TelephonyProviderName {
    SANDBOX("sandbox"),
    TWILIO("twilio"),
    TELNYX("telnyx"),
    VONAGE("vonage");

    private final String wireName;

    TelephonyProviderName(String wireName) {
        this.wireName = wireName;
    }

    /** The name as it appears in requests and responses, e.g. {@code twilio}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<TelephonyProviderName> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
