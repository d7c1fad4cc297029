package dev.switchboard.telephony;

import java.util.Arrays;
import java.util.Optional;

/** What a number can do, as the {@code capabilities} filter names it. */
public enum Capability {
    VOICE("voice"),
    SMS("sms"),
    MMS("mms"),
    FAX("fax");

    private final String wireName;

    Capability(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Capability> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
