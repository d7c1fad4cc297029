package dev.switchboard.telephony.vonage;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.http.RecordCreators;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Vonage's Numbers API JSON as it really arrives, read the way the official Java SDK ({@code com.vonage:server-sdk},
 * {@code com.vonage.client.numbers}) reads it: keys as Vonage spells them (lower case, {@code error-code} with a
 * hyphen), unknown keys ignored, every field optional. Only the fields the adapter uses are modelled; owned numbers'
 * webhook settings ({@code moHttpUrl}, {@code voiceCallbackType}, ...) are skipped, so their format can never fail a
 * page.
 */
final class VonageWire {

    /**
     * Lenient on purpose. Vonage leaves {@code numbers} out when {@code count} is 0 and sends {@code "features":
     * null} on some owned numbers (both read as absent); a {@code features} value sent as one comma-separated string
     * instead of an array is taken too.
     */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new RecordCreators())
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .build();

    /** The currency of {@code cost}: Vonage's document states it "in Euros", whatever the account's currency. */
    static final String COST_CURRENCY = "EUR";

    private VonageWire() {}

    /** One page of Vonage's answer: {@code count} matches in all, {@code numbers} on this page. */
    interface Page<T> {
        @Nullable Long count();

        @Nullable List<T> numbers();
    }

    /** What every number of either list says. */
    interface Number {
        @Nullable String country();

        @Nullable String msisdn();

        @Nullable String type();

        @Nullable List<String> features();
    }

    /** {@code GET /number/search} (SDK: {@code SearchNumbersResponse}). */
    record AvailableNumbers(@Nullable Long count, @Nullable List<AvailableNumber> numbers)
            implements Page<AvailableNumber> {}

    /** A number on sale (SDK: {@code AvailableNumber}); {@code cost} is the monthly rental, a decimal string. */
    record AvailableNumber(@Nullable String country, @Nullable String msisdn, @Nullable String type,
            @Nullable String cost, @Nullable List<String> features) implements Number {}

    /** {@code GET /account/numbers} (SDK: {@code ListNumbersResponse}). */
    record OwnedNumbers(@Nullable Long count, @Nullable List<OwnedNumber> numbers) implements Page<OwnedNumber> {}

    /** A number the account owns (SDK: {@code OwnedNumber}). */
    record OwnedNumber(@Nullable String country, @Nullable String msisdn, @Nullable String type,
            @Nullable List<String> features) implements Number {}

    /** {@code GET /account/numbers} read for where its numbers point. */
    record OwnedNumbersRouting(@Nullable Long count, @Nullable List<OwnedNumberRouting> numbers) {}

    /**
     * Where an owned number points: the application of {@code app_id} (what {@code POST /number/update} sets), or, as
     * older answers and the SDK's {@code OwnedNumber} carry it, {@code voiceCallbackType} {@code app} with the
     * application id in {@code voiceCallbackValue} (likewise {@code messagesCallbackType}/{@code Value}).
     */
    record OwnedNumberRouting(
            @Nullable String country,
            @Nullable String msisdn,
            @JsonProperty("app_id") @Nullable String appId,
            @Nullable String voiceCallbackType,
            @Nullable String voiceCallbackValue,
            @Nullable String messagesCallbackType,
            @Nullable String messagesCallbackValue) {

        /** The application the number's calls go to; empty when none. */
        String application() {
            if (appId != null && !appId.isBlank()) {
                return appId.strip();
            }
            if ("app".equalsIgnoreCase(voiceCallbackType) && voiceCallbackValue != null && !voiceCallbackValue.isBlank()) {
                return voiceCallbackValue.strip();
            }
            if ("app".equalsIgnoreCase(messagesCallbackType) && messagesCallbackValue != null
                    && !messagesCallbackValue.isBlank()) {
                return messagesCallbackValue.strip();
            }
            return "";
        }
    }

    /**
     * Vonage's error bodies, both shapes in one record, as the SDK's {@code VonageApiResponseException} reads them: the
     * Numbers API's own {@code {"error-code": "420", "error-code-label": "method failed"}} (the code is a string,
     * and the same two keys carry {@code "200"}/{@code "success"} on a successful buy or cancel), and the RFC 7807
     * body of Vonage's API gateway: {@code {"type": ".../api-errors#throttled", "title", "detail", "instance"}}, with
     * {@code invalid_parameters} on validation errors.
     */
    record Error(
            @JsonProperty("error-code") @Nullable String errorCode,
            @JsonProperty("error-code-label") @Nullable String errorCodeLabel,
            @Nullable String type,
            @Nullable String title,
            @Nullable String detail,
            @JsonProperty("invalid_parameters") @Nullable List<InvalidParameter> invalidParameters) {

        static final Error NONE = new Error(null, null, null, null, null, null);

        /**
         * Vonage's own code for the error: the legacy {@code error-code}, else the RFC 7807 type's fragment
         * ({@code throttled} of {@code https://developer.vonage.com/api-errors#throttled}), else none.
         */
        @Nullable String code() {
            if (errorCode != null && !errorCode.isBlank()) {
                return errorCode.strip();
            }
            if (type != null && !type.isBlank()) {
                int hash = type.lastIndexOf('#');
                String fragment = hash >= 0 ? type.substring(hash + 1) : type.substring(type.lastIndexOf('/') + 1);
                return fragment.isBlank() ? null : fragment.strip();
            }
            return null;
        }

        /** The legacy numeric {@code error-code}, when there is one. */
        Optional<Integer> numericCode() {
            if (errorCode == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Integer.parseInt(errorCode.strip()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        /** What Vonage says went wrong, in words: the label, or the title and detail. */
        @Nullable String message() {
            if (errorCodeLabel != null && !errorCodeLabel.isBlank()) {
                return errorCodeLabel;
            }
            if (title != null && detail != null) {
                return title + ": " + detail;
            }
            return title != null ? title : detail;
        }
    }

    /** One entry of {@code invalid_parameters}: {@code {"name": "country", "reason": "..."}}. */
    record InvalidParameter(@Nullable String name) {}

    /** {@code features} as the port's capabilities ({@code VOICE}, {@code SMS}, {@code MMS}; Vonage has no fax). */
    static Capabilities capabilities(@Nullable List<String> features) {
        if (features == null) {
            return Capabilities.NONE;
        }
        boolean voice = false;
        boolean sms = false;
        boolean mms = false;
        for (String entry : features) {
            if (entry == null) {
                continue;
            }
            for (String feature : entry.split(",")) {
                switch (feature.strip().toUpperCase(Locale.ROOT)) {
                    case "VOICE" -> voice = true;
                    case "SMS" -> sms = true;
                    case "MMS" -> mms = true;
                    default -> { } // a feature Switchboard has no word for
                }
            }
        }
        return new Capabilities(voice, sms, mms, false);
    }

    /**
     * A number's {@code type} as the port's type: {@code landline}, {@code mobile-lvn} and {@code landline-toll-free}
     * as documented, and {@code mobile}, which the SDK's own fixtures show on numbers on sale. Empty for a type
     * Switchboard has no word for (or none at all).
     */
    static Optional<NumberType> numberType(@Nullable String type) {
        if (type == null) {
            return Optional.empty();
        }
        return switch (type.strip().toLowerCase(Locale.ROOT)) {
            case "landline" -> Optional.of(NumberType.LOCAL);
            case "mobile-lvn", "mobile" -> Optional.of(NumberType.MOBILE);
            case "landline-toll-free" -> Optional.of(NumberType.TOLL_FREE);
            default -> Optional.empty();
        };
    }

    /** The {@code type} parameter of {@code /number/search} for a port type; Vonage sells no "national" type. */
    static Optional<String> typeParameter(NumberType type) {
        return switch (type) {
            case LOCAL -> Optional.of("landline");
            case MOBILE -> Optional.of("mobile-lvn");
            case TOLL_FREE -> Optional.of("landline-toll-free");
            case NATIONAL -> Optional.empty();
        };
    }
}
