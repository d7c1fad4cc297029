package dev.switchboard.telephony;

import java.util.Arrays;
import java.util.Optional;

/** The kind of phone number, as the {@code type} filter names it. */
public enum NumberType {
    LOCAL("local"),
    TOLL_FREE("toll_free"),
    MOBILE("mobile"),
    NATIONAL("national");

    private final String wireName;

    NumberType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<NumberType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
