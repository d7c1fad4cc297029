package dev.switchboard.connections;

import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.web.RequestErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The credential fields of each connection type: how they are validated when a caller sends them, how they
 * are turned into the port's {@link ProviderCredentials}, and how each is shown back (identifiers in full,
 * secrets masked to their last four characters at most).
 */
final class CredentialFields {

    private record Field(String name, Pattern format, String formatHint, boolean secret) {}

    private static final Field TWILIO_SID = new Field("twilio_account_sid", Pattern.compile("AC[0-9a-fA-F]{32}"),
            "a Twilio Account SID: AC followed by 32 hex characters", false);
    private static final Field TWILIO_TOKEN = new Field("twilio_auth_token", Pattern.compile("[0-9a-zA-Z]{32}"),
            "a Twilio auth token: 32 letters and digits", true);
    private static final Field TELNYX_KEY = new Field("telnyx_api_key", Pattern.compile("KEY[0-9A-Za-z_\\-]{10,200}"),
            "a Telnyx v2 API key, starting with KEY", true);
    private static final Field VONAGE_KEY = new Field("vonage_api_key", Pattern.compile("[0-9a-zA-Z]{6,32}"),
            "a Vonage API key: 6 to 32 letters and digits", true);
    private static final Field VONAGE_SECRET = new Field("vonage_api_secret", Pattern.compile("[0-9a-zA-Z]{6,64}"),
            "a Vonage API secret: 6 to 64 letters and digits", true);

    private static final Field OPENAI_KEY = new Field("openai_api_key", Pattern.compile("sk-[A-Za-z0-9_\\-]{20,300}"),
            "an OpenAI API key: sk- followed by at least 20 letters, digits, _ or -", true);

    private CredentialFields() {}

    private static List<Field> fieldsOf(AccountConnectionType type) {
        return switch (type) {
            case TWILIO -> List.of(TWILIO_SID, TWILIO_TOKEN);
            case TELNYX -> List.of(TELNYX_KEY);
            case VONAGE -> List.of(VONAGE_KEY, VONAGE_SECRET);
            case SANDBOX -> List.of();
            case OPENAI -> List.of(OPENAI_KEY);
        };
    }

    /**
     * Validates the credentials sent for a type, merged over the current ones (an update may send only the
     * field it rotates). Every problem goes to {@code errors}; returns null when there was any.
     */
    static @Nullable ConnectionCredentials parse(AccountConnectionType type, @Nullable Map<String, @Nullable Object> sent,
            @Nullable ConnectionCredentials current, RequestErrors errors) {
        List<Field> fields = fieldsOf(type);
        Map<String, String> values = current == null ? new LinkedHashMap<>() : toMap(current);
        boolean valid = true;
        if (sent != null) {
            for (var entry : sent.entrySet()) {
                String path = "credentials." + entry.getKey();
                Field field = fields.stream().filter(f -> f.name().equals(entry.getKey())).findFirst().orElse(null);
                if (field == null) {
                    errors.add(path, fields.isEmpty() ? "unknown field: " + type + " takes no credentials"
                            : "unknown field for " + type + "; expected " + fields.stream().map(Field::name).toList());
                    valid = false;
                } else if (!(entry.getValue() instanceof String s)) {
                    errors.add(path, "must be a string");
                    valid = false;
                } else if (!field.format().matcher(s).matches()) {
                    errors.add(path, "must be " + field.formatHint());
                    valid = false;
                } else {
                    values.put(field.name(), s);
                }
            }
        }
        for (Field field : fields) {
            if (!values.containsKey(field.name()) && (sent == null || !sent.containsKey(field.name()))) {
                errors.add("credentials." + field.name(), "is required for " + type);
                valid = false;
            }
        }
        return valid ? fromMap(type, values) : null;
    }

    static ConnectionCredentials fromMap(AccountConnectionType type, Map<String, String> values) {
        return switch (type) {
            case TWILIO -> telephony(new ProviderCredentials.Twilio(values.get(TWILIO_SID.name()), values.get(TWILIO_TOKEN.name())));
            case TELNYX -> telephony(new ProviderCredentials.Telnyx(values.get(TELNYX_KEY.name())));
            case VONAGE -> telephony(new ProviderCredentials.Vonage(values.get(VONAGE_KEY.name()), values.get(VONAGE_SECRET.name())));
            case SANDBOX -> telephony(new ProviderCredentials.Sandbox());
            case OPENAI -> new ConnectionCredentials.OpenAi(values.get(OPENAI_KEY.name()));
        };
    }

    private static ConnectionCredentials telephony(ProviderCredentials credentials) {
        return new ConnectionCredentials.Telephony(credentials);
    }

    /** The credentials as stored (before encryption): field name to value. */
    static Map<String, String> toMap(ConnectionCredentials stored) {
        Map<String, String> map = new LinkedHashMap<>();
        if (stored instanceof ConnectionCredentials.OpenAi openAi) {
            map.put(OPENAI_KEY.name(), openAi.apiKey());
            return map;
        }
        switch (((ConnectionCredentials.Telephony) stored).credentials()) {
            case ProviderCredentials.Twilio t -> {
                map.put(TWILIO_SID.name(), t.accountSid());
                map.put(TWILIO_TOKEN.name(), t.authToken());
            }
            case ProviderCredentials.Telnyx t -> map.put(TELNYX_KEY.name(), t.apiKey());
            case ProviderCredentials.Vonage v -> {
                map.put(VONAGE_KEY.name(), v.apiKey());
                map.put(VONAGE_SECRET.name(), v.apiSecret());
            }
            case ProviderCredentials.Sandbox s -> { }
        }
        return map;
    }

    /** The credentials as every response shows them: identifiers in full, secrets masked. */
    static Map<String, String> masked(AccountConnectionType type, ConnectionCredentials credentials) {
        Map<String, String> shown = new LinkedHashMap<>();
        Map<String, String> values = toMap(credentials);
        for (Field field : fieldsOf(type)) {
            String value = values.get(field.name());
            if (value != null) {
                shown.put(field.name(), field.secret() ? ProviderCredentials.mask(value) : value);
            }
        }
        return shown;
    }
}
