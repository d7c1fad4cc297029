package dev.switchboard.telephony;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a number's inbound calls and messages go at its provider, in the provider-neutral words of the port: a voice
 * URL and an SMS URL (Twilio, the sandbox), or an application id (Telnyx's {@code connection_id} of a TeXML or Call
 * Control application, Vonage's {@code app_id}).
 *
 * <p>Sent to {@link TelephonyProvider#route}, a field that is null is left as the provider has it, and an empty
 * string clears it. Read back ({@link TelephonyProvider#readRouting}), a field the provider has for the number is
 * its value, or the empty string when unset; a field the provider has no such thing as is null.
 */
public record RoutingTarget(@Nullable String voiceUrl, @Nullable String smsUrl, @Nullable String applicationId) {

    /** Nothing to set. */
    public static final RoutingTarget NOTHING = new RoutingTarget(null, null, null);

    public boolean setsNothing() {
        return voiceUrl == null && smsUrl == null && applicationId == null;
    }

    /**
     * Whether what the provider answered (read back) still points where this target set it: every field this target
     * sets has the same value there. Fields this target leaves alone are not compared.
     */
    public boolean isSatisfiedBy(RoutingTarget actual) {
        return same(voiceUrl, actual.voiceUrl) && same(smsUrl, actual.smsUrl) && same(applicationId, actual.applicationId);
    }

    private static boolean same(@Nullable String wanted, @Nullable String actual) {
        return wanted == null || Objects.equals(wanted, actual == null ? "" : actual);
    }

    /**
     * The target as the API shows it for a number of this provider, in the provider's own words: {@code voice_url}
     * and {@code sms_url}, {@code connection_id} (Telnyx) or {@code app_id} (Vonage); fields not set are left out.
     */
    public Map<String, String> describe(TelephonyProviderName provider) {
        Map<String, String> shown = new LinkedHashMap<>();
        if (voiceUrl != null) {
            shown.put("voice_url", voiceUrl);
        }
        if (smsUrl != null) {
            shown.put("sms_url", smsUrl);
        }
        if (applicationId != null) {
            shown.put(switch (provider) {
                case TELNYX -> "connection_id";
                case VONAGE -> "app_id";
                default -> "application_id";
            }, applicationId);
        }
        return shown;
    }
}
