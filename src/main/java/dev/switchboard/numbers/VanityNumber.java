package dev.switchboard.numbers;

import java.util.Locale;

/** Phone-keypad letters to digits, so that {@code contains: "CALL"} searches for 2255. */
final class VanityNumber {

    private static final String KEYPAD = "22233344455566677778889999"; // A..Z

    private VanityNumber() {}

    static String toDigits(String pattern) {
        StringBuilder digits = new StringBuilder(pattern.length());
        for (char c : pattern.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c >= 'A' && c <= 'Z') {
                digits.append(KEYPAD.charAt(c - 'A'));
            } else if (c >= '0' && c <= '9') {
                digits.append(c);
            } else {
                throw new IllegalArgumentException("not a keypad character: " + c);
            }
        }
        return digits.toString();
    }
}
