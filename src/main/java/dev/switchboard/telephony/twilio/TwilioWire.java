package dev.switchboard.telephony.twilio;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.http.RecordCreators;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

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
            .addModule(new SimpleModule("twilio-available-numbers")
                    .addDeserializer(AvailablePhoneNumberList.class, new AvailablePageReader()))
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
     * A number on sale (twilio-java: {@code availablephonenumbercountry.Local}, {@code TollFree}, ...), read by
     * {@link AvailablePageReader}.
     */
    record AvailablePhoneNumber(
            @Nullable String phoneNumber,
            @Nullable String isoCountry,
            @Nullable String region,
            @Nullable String locality,
            @Nullable String postalCode,
            @Nullable String addressRequirements,
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
     * Where an owned number sends its calls and messages (twilio-java: {@code IncomingPhoneNumber.getVoiceUrl()},
     * {@code getVoiceMethod()}, {@code getSmsUrl()}), as a fetch, an update's answer or a list item carries it.
     * Twilio sends {@code voice_url} null and {@code sms_url} {@code ""} for a number that points nowhere.
     */
    record IncomingPhoneNumberRouting(
            @Nullable String sid,
            @Nullable String phoneNumber,
            @Nullable String voiceUrl,
            @Nullable String voiceMethod,
            @Nullable String smsUrl) {}

    /** A page of {@code IncomingPhoneNumbers.json} read for the routing of its numbers. */
    record IncomingPhoneNumberRoutingList(@Nullable List<IncomingPhoneNumberRouting> incomingPhoneNumbers) {}

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
    record AvailablePhoneNumberCountry(@Nullable Map<String, String> subresourceUris) {}

    /**
     * Twilio's error body, e.g. {@code {"code": 20003, "message": "Authenticate", "more_info":
     * "https://www.twilio.com/docs/errors/20003", "status": 401}} (twilio-java: {@code RestException}).
     */
    record Error(@Nullable Integer code, @Nullable String message, @Nullable Integer status) {

        @Nullable String codeText() {
            return code == null ? null : code.toString();
        }
    }

    /**
     * Reads a page of numbers on sale token by token: it is the one answer read on every search, and building its
     * 43 records through Jackson's bean machinery was most of a search's JSON reading (bench/RESULTS.md). It reads
     * what the records above declare, as Jackson would read them: unknown keys skipped, every field optional, a
     * scalar of another type coerced by Jackson's own rules (a value Jackson would refuse fails here too), the
     * capabilities' keys in either case Twilio spells them. {@code TwilioWireTest} holds it to Jackson's reading.
     */
    static final class AvailablePageReader extends ValueDeserializer<AvailablePhoneNumberList> {

        @Override
        public AvailablePhoneNumberList deserialize(JsonParser p, DeserializationContext context) {
            if (!p.isExpectedStartObjectToken()) {
                return (AvailablePhoneNumberList) context.handleUnexpectedToken(AvailablePhoneNumberList.class, p);
            }
            List<AvailablePhoneNumber> numbers = null;
            String nextPageUri = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken value = p.nextToken();
                switch (name) {
                    case "available_phone_numbers" -> numbers = numbers(p, context, value);
                    case "next_page_uri" -> nextPageUri = text(p, context, value);
                    default -> p.skipChildren();
                }
            }
            return new AvailablePhoneNumberList(numbers, nextPageUri);
        }

        private static @Nullable List<AvailablePhoneNumber> numbers(JsonParser p, DeserializationContext context,
                JsonToken value) {
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            if (value != JsonToken.START_ARRAY) {
                context.handleUnexpectedToken(List.class, p);
            }
            List<AvailablePhoneNumber> numbers = new ArrayList<>(32);
            for (JsonToken token = p.nextToken(); token != JsonToken.END_ARRAY; token = p.nextToken()) {
                if (token == JsonToken.START_OBJECT) {
                    numbers.add(number(p, context));
                } else if (token != JsonToken.VALUE_NULL) {
                    context.handleUnexpectedToken(AvailablePhoneNumber.class, p);
                }
            }
            return numbers;
        }

        private static AvailablePhoneNumber number(JsonParser p, DeserializationContext context) {
            String phoneNumber = null;
            String isoCountry = null;
            String region = null;
            String locality = null;
            String postalCode = null;
            String addressRequirements = null;
            CapabilityFlags capabilities = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken value = p.nextToken();
                switch (name) {
                    case "phone_number" -> phoneNumber = text(p, context, value);
                    case "iso_country" -> isoCountry = text(p, context, value);
                    case "region" -> region = text(p, context, value);
                    case "locality" -> locality = text(p, context, value);
                    case "postal_code" -> postalCode = text(p, context, value);
                    case "address_requirements" -> addressRequirements = text(p, context, value);
                    case "capabilities" -> capabilities = capabilities(p, context, value);
                    default -> p.skipChildren();
                }
            }
            return new AvailablePhoneNumber(phoneNumber, isoCountry, region, locality, postalCode,
                    addressRequirements, capabilities);
        }

        private static @Nullable CapabilityFlags capabilities(JsonParser p, DeserializationContext context,
                JsonToken value) {
            if (value == JsonToken.VALUE_NULL) {
                return null;
            }
            if (value != JsonToken.START_OBJECT) {
                return context.readValue(p, CapabilityFlags.class); // Jackson's answer to anything else
            }
            Boolean voice = null;
            Boolean sms = null;
            Boolean mms = null;
            Boolean fax = null;
            for (String name = p.nextName(); name != null; name = p.nextName()) {
                JsonToken flag = p.nextToken();
                switch (name) {
                    case "voice" -> voice = flag(p, context, flag);
                    case "sms", "SMS" -> sms = flag(p, context, flag);
                    case "mms", "MMS" -> mms = flag(p, context, flag);
                    case "fax" -> fax = flag(p, context, flag);
                    default -> p.skipChildren();
                }
            }
            return new CapabilityFlags(voice, sms, mms, fax);
        }

        private static @Nullable String text(JsonParser p, DeserializationContext context, JsonToken value) {
            return switch (value) {
                case VALUE_STRING -> p.getString();
                case VALUE_NULL -> null;
                default -> context.readValue(p, String.class);
            };
        }

        private static @Nullable Boolean flag(JsonParser p, DeserializationContext context, JsonToken value) {
            return switch (value) {
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> context.readValue(p, Boolean.class);
            };
        }
    }
}
