package dev.switchboard.telephony;

import java.util.Objects;

/** A price as the provider states it: a decimal string (never a binary float) and an ISO 4217 currency. */
public record Money(String amount, String currency) {
    public Money {
        Objects.requireNonNull(amount);
        Objects.requireNonNull(currency);
    }
}
