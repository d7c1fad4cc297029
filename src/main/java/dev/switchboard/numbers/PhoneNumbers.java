package dev.switchboard.numbers;

import dev.switchboard.web.RequestErrors;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Phone numbers as callers send them: E.164 only (a {@code +} and up to 15 digits). */
final class PhoneNumbers {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private PhoneNumbers() {}

    /**
     * The E.164 number, or null after reporting what is wrong under {@code field}. A query string's unencoded
     * {@code +} arrives as a space; a value that is a space followed by digits is taken as meaning that {@code +}.
     */
    static @Nullable String parse(String field, @Nullable String value, RequestErrors errors) {
        if (value == null || value.isBlank()) {
            errors.add(field, "is required: an E.164 phone number such as +14155550123");
            return null;
        }
        String number = value.startsWith(" ") && value.strip().matches("[0-9]+") ? "+" + value.strip() : value.strip();
        if (!E164.matcher(number).matches()) {
            errors.add(field, "must be an E.164 phone number such as +14155550123 (in a query string, encode + as %2B)");
            return null;
        }
        return number;
    }
}
