package dev.switchboard.web;

import java.util.UUID;
import java.util.regex.Pattern;

/** Parses resource ids sent by callers: canonical UUID text only, else 422 naming the parameter. */
public final class Ids {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {}

    public static UUID parse(String parameter, String value) {
        if (!CANONICAL.matcher(value).matches()) {
            throw new InvalidRequest(parameter, "must be a UUID such as 550e8400-e29b-41d4-a716-446655440000");
        }
        return UUID.fromString(value);
    }

    public static boolean isCanonical(String value) {
        return CANONICAL.matcher(value).matches();
    }
}
