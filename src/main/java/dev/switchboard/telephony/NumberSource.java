package dev.switchboard.telephony;

import java.util.Arrays;
import java.util.Optional;

/** Where a search looks: numbers on sale at the provider, or numbers the account already owns. */
public enum NumberSource {
    INVENTORY("inventory"),
    ACCOUNT("account");

    private final String wireName;

    NumberSource(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<NumberSource> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
