package dev.switchboard.web;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What text a client may store: no control characters (C0, DEL, C1; tab, line feed and carriage return only where
 * the text may span lines), no bidirectional embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069), and
 * no unpaired surrogate (not text at all: it cannot be encoded as UTF-8).
 */
public final class TextRules {

    private TextRules() {}

    /** Why {@code text} is refused, for the caller; null when it is acceptable. */
    public static @Nullable String problem(String text, boolean multiLine) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate at position " + i + "; send valid Unicode text";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate at position " + i + "; send valid Unicode text";
            }
            if (multiLine && (c == '\t' || c == '\n' || c == '\r')) {
                continue;
            }
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return "contains the control character " + codePoint(c) + " at position " + i
                        + (multiLine ? "; only tab, line feed and carriage return are allowed" : "; this field is one line of text");
            }
            if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) {
                return "contains the bidirectional formatting character " + codePoint(c) + " at position " + i
                        + ", which can disguise text";
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        return String.format(Locale.ROOT, "U+%04X", (int) c);
    }
}
