package dev.switchboard.telephony.twilio;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.RecordCreators;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's JSON as it really arrives, read the way the official twilio-java SDK reads it: snake_case keys,
 * unknown keys ignored, every field optional. Only the fields the adapter uses are modelled; the rest
 * ({@code latitude}/{@code longitude}, which Twilio sends as strings although its OpenAPI document says
 * number, and the RFC 2822 dates) are skipped, so their format can never fail a page.
 */
final class TwilioWire {

    /** Lenient on purpose: Twilio adds fields over time, and a field we do not read must not break a search. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new RecordCreators())
            .build();

    private TwilioWire() {}

    /** One page of a Twilio list resource. */
    interface ListPage<T> {
        @Nullable List<T> items();

        /** Relative to Twilio's API root, e.g. {@code /2010-04-01/Accounts/AC.../IncomingPhoneNumbers.json?...}. */
        @Nullable String nextPageUri();
    }

    /** A page of {@code AvailablePhoneNumbers/{Country}/{Type}.json}. */
    record AvailablePhoneNumberList(
            @Nullable List<AvailablePhoneNumber> availablePhoneNumbers,
            @Nullable String nextPageUri) implements ListPage<AvailablePhoneNumber> {

        @Override
        public @Nullable List<AvailablePhoneNumber> items() {
            return availablePhoneNumbers;
        }
    }

    /**
     * A number on sale (twilio-java: {@code availablephonenumbercountry.Local}, {@code TollFree}, ...). The keys it
     * sends and the adapter does not read are named as ignored: Jackson skips those, where it would copy any other
     * unknown key aside before dropping it (about a tenth of reading a page, bench/RESULTS.md).
     */
    @JsonIgnoreProperties({"friendly_name", "lata", "rate_center", "latitude", "longitude"})
    record AvailablePhoneNumber(
            @Nullable String phoneNumber,
            @Nullable String isoCountry,
            @Nullable String region,
            @Nullable String locality,
            @Nullable String postalCode,
            @Nullable String addressRequirements,
            @Nullable Boolean beta,
            @Nullable CapabilityFlags capabilities) {}

    /** A page of {@code IncomingPhoneNumbers.json} (or its {@code Local}, {@code Mobile}, {@code TollFree} lists). */
    record IncomingPhoneNumberList(
            @Nullable List<IncomingPhoneNumber> incomingPhoneNumbers,
            @Nullable String nextPageUri) implements ListPage<IncomingPhoneNumber> {

        @Override
        public @Nullable List<IncomingPhoneNumber> items() {
            return incomingPhoneNumbers;
        }
    }

    /**
     * A number the account owns (twilio-java: {@code IncomingPhoneNumber}), as a list item, a purchase's answer or
     * a fetch; it carries no country or place.
     *
     * @param type {@code local}, {@code mobile} or {@code tollfree}, sent on the whole list and on a purchase
     *     (twilio-java: {@code IncomingPhoneNumber.getType()}); absent on the Local, Mobile and TollFree lists
     */
    record IncomingPhoneNumber(
            @Nullable String sid,
            @Nullable String phoneNumber,
            @Nullable String addressRequirements,
            @Nullable CapabilityFlags capabilities,
            @Nullable String type) {}

    /**
     * The {@code capabilities} object. Twilio spells its keys {@code "MMS"}/{@code "SMS"} on AvailablePhoneNumbers
     * but {@code "mms"}/{@code "sms"} on IncomingPhoneNumbers ({@code "voice"} and {@code "fax"} are always lower
     * case); twilio-java's {@code PhoneNumberCapabilities} binds the upper-case spelling. Both spellings are read.
     */
    record CapabilityFlags(
            @Nullable Boolean voice,
            @JsonAlias("SMS") @Nullable Boolean sms,
            @JsonAlias("MMS") @Nullable Boolean mms,
            @Nullable Boolean fax) {

        static Capabilities toPort(@Nullable CapabilityFlags flags) {
            if (flags == null) {
                return Capabilities.NONE;
            }
            return new Capabilities(isTrue(flags.voice), isTrue(flags.sms), isTrue(flags.mms), isTrue(flags.fax));
        }

        private static boolean isTrue(@Nullable Boolean flag) {
            return Objects.equals(flag, Boolean.TRUE);
        }
    }

    /**
     * {@code AvailablePhoneNumbers/{Country}.json}: which number types Twilio sells in a country, as the keys of
     * {@code subresource_uris} ({@code local}, {@code toll_free}, {@code mobile}, {@code national}, ...).
     */
    record AvailablePhoneNumberCountry(@Nullable String countryCode, @Nullable Map<String, String> subresourceUris) {}

    /**
     * Twilio's error body, e.g. {@code {"code": 20003, "message": "Authenticate", "more_info":
     * "https://www.twilio.com/docs/errors/20003", "status": 401}} (twilio-java: {@code RestException}).
     */
    record Error(@Nullable Integer code, @Nullable String message, @Nullable String moreInfo, @Nullable Integer status) {

        @Nullable String codeText() {
            return code == null ? null : code.toString();
        }
    }
}
