package dev.switchboard.connections;

import dev.switchboard.web.RequestErrors;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The routing settings an account connection's {@code config} may carry, overriding the server's
 * {@code switchboard.routing.*} for the numbers of that connection: {@code voice_url} and {@code sms_url} (URL
 * templates), {@code connection_id} (Telnyx: the TeXML or Call Control application its numbers are pointed at) and
 * {@code app_id} (Vonage: the application). Every other config key is the caller's own and is kept as sent.
 *
 * @param voiceUrl the voice URL template, null when the connection does not override it
 * @param smsUrl the SMS URL template, null when the connection does not override it
 * @param applicationId Telnyx's {@code connection_id} or Vonage's {@code app_id}, null when not set
 */
public record RoutingConfig(@Nullable String voiceUrl, @Nullable String smsUrl, @Nullable String applicationId) {

    public static final String VOICE_URL = "voice_url";
    public static final String SMS_URL = "sms_url";
    public static final String TELNYX_CONNECTION_ID = "connection_id";
    public static final String VONAGE_APP_ID = "app_id";

    /** The placeholders a template may use: the number (E.164), the number's id and its agent's id. */
    public static final Set<String> PLACEHOLDERS = Set.of("number", "number_id", "agent_id");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern TELNYX_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_URL = 2000;

    /** The connection's routing settings (its config is checked when stored, so these are well formed). */
    public static RoutingConfig of(AccountConnection connection) {
        Map<String, Object> config = connection.config();
        String application = switch (connection.type()) {
            case TELNYX -> text(config.get(TELNYX_CONNECTION_ID));
            case VONAGE -> text(config.get(VONAGE_APP_ID));
            default -> null;
        };
        return new RoutingConfig(text(config.get(VOICE_URL)), text(config.get(SMS_URL)), application);
    }

    /** Checks the routing keys of a connection's config; each bad one is named {@code config.<key>}. */
    static void check(@Nullable AccountConnectionType type, @Nullable Map<String, ?> config, RequestErrors errors) {
        if (config == null) {
            return;
        }
        for (String key : new String[] {VOICE_URL, SMS_URL}) {
            Object value = config.get(key);
            if (value != null) {
                String problem = value instanceof String s ? templateProblem(s) : "must be a string";
                if (problem != null) {
                    errors.add("config." + key, problem);
                }
            }
        }
        Object connectionId = config.get(TELNYX_CONNECTION_ID);
        if (connectionId != null && type == AccountConnectionType.TELNYX
                && !(connectionId instanceof String s && TELNYX_ID.matcher(s).matches())) {
            errors.add("config." + TELNYX_CONNECTION_ID, "must be the id of a Telnyx TeXML or Call Control "
                    + "application (its connection_id), as a string of letters, digits, - or _");
        }
        Object appId = config.get(VONAGE_APP_ID);
        if (appId != null && type == AccountConnectionType.VONAGE && !(appId instanceof String s && isUuid(s))) {
            errors.add("config." + VONAGE_APP_ID, "must be the id of a Vonage application (a UUID)");
        }
    }

    /**
     * What is wrong with a URL template, or null when it is good: once its placeholders are filled it must be an
     * absolute http or https URL with a host, and it may use no placeholder but {number}, {number_id}, {agent_id}.
     */
    public static @Nullable String templateProblem(String template) {
        if (template.isBlank()) {
            return "must be an absolute http or https URL, e.g. https://voice.example.com/inbound/{agent_id}";
        }
        if (template.length() > MAX_URL) {
            return "must be at most " + MAX_URL + " characters";
        }
        Matcher placeholders = PLACEHOLDER.matcher(template);
        while (placeholders.find()) {
            if (!PLACEHOLDERS.contains(placeholders.group(1))) {
                return "has the unknown placeholder {" + placeholders.group(1) + "}; use {number}, {number_id} or"
                        + " {agent_id}";
            }
        }
        String sample = expand(template, "+14155550123", new UUID(0, 1), new UUID(0, 2));
        try {
            URI uri = new URI(sample);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                return "must be an absolute http or https URL, e.g. https://voice.example.com/inbound/{agent_id}";
            }
        } catch (URISyntaxException e) {
            return "is not a URL once its placeholders are filled (" + e.getReason() + ")";
        }
        return null;
    }

    /** The template with its placeholders filled; the number's {@code +} is percent-encoded ({@code %2B}). */
    public static String expand(String template, String phoneNumber, UUID numberId, @Nullable UUID agentId) {
        return template.replace("{number}", phoneNumber.replace("+", "%2B"))
                .replace("{number_id}", numberId.toString())
                .replace("{agent_id}", agentId == null ? "" : agentId.toString());
    }

    private static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static @Nullable String text(@Nullable Object value) {
        return value instanceof String s && !s.isBlank() ? s.strip() : null;
    }
}
