package dev.switchboard.telephony.telnyx;

import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.http.RecordCreators;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Telnyx's JSON as it really arrives, read leniently the way Telnyx's SDKs read it: snake_case keys, unknown keys
 * ignored, every field optional, scalars coerced (an id or a price sent as a number reads as its text). Only the
 * fields the adapter uses are modelled.
 *
 * <p>Quirks of the live wire, next to what Telnyx's OpenAPI document says: {@code vanity_format} comes as
 * {@code null} (the document: string, example {@code ""}); prices are decimal strings with five places
 * ({@code "1.00000"}); {@code region_information} is a list of typed entries whose rate centres are upper case
 * ({@code CHICAGO ZONE 11}); owned numbers bought before July 2023, or read just after a purchase, may carry the
 * legacy types {@code tollfree} and {@code longcode}; later revisions of the document put the search totals under
 * both {@code meta} and {@code metadata} (not read: Telnyx's total counts the numbers it answered, not the matches).
 */
final class TelnyxWire {

    /** Lenient on purpose: Telnyx adds fields over time, and a field we do not read must not break a search. */
    static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new RecordCreators())
            .build();

    private TelnyxWire() {}

    /** {@code GET /v2/available_phone_numbers}: numbers on sale, no paging. */
    record AvailablePhoneNumbers(@Nullable List<AvailablePhoneNumber> data) {}

    /** A number on sale (telnyx-ruby: {@code AvailablePhoneNumberListResponse::Data}). */
    record AvailablePhoneNumber(
            @Nullable String phoneNumber,
            @Nullable Boolean bestEffort,
            @Nullable List<RegionInformation> regionInformation,
            @Nullable CostInformation costInformation,
            @Nullable List<Feature> features) {

        /** The name of the first region entry of this type ({@code country_code}, {@code state}, ...), if any. */
        @Nullable String region(String type) {
            if (regionInformation == null) {
                return null;
            }
            for (RegionInformation entry : regionInformation) {
                if (entry != null && type.equalsIgnoreCase(entry.regionType()) && entry.regionName() != null
                        && !entry.regionName().isBlank()) {
                    return entry.regionName().strip();
                }
            }
            return null;
        }
    }

    /** One entry of {@code region_information}: {@code country_code}, {@code state}, {@code rate_center} or {@code location}. */
    record RegionInformation(@Nullable String regionType, @Nullable String regionName) {}

    /** Prices as decimal strings ({@code "1.00000"}) and their ISO 4217 currency. */
    record CostInformation(@Nullable String upfrontCost, @Nullable String monthlyCost, @Nullable String currency) {}

    /** One entry of {@code features}: {@code {"name": "sms"}}. */
    record Feature(@Nullable String name) {

        /** Telnyx's feature list as the port's capabilities; unknown names (emergency, hd_voice, ...) are skipped. */
        static Capabilities toPort(@Nullable List<Feature> features) {
            boolean voice = false;
            boolean sms = false;
            boolean mms = false;
            boolean fax = false;
            for (Feature feature : features == null ? List.<Feature>of() : features) {
                String name = feature == null || feature.name() == null ? "" : feature.name().strip()
                        .toLowerCase(Locale.ROOT);
                switch (name) {
                    case "voice" -> voice = true;
                    case "sms" -> sms = true;
                    case "mms" -> mms = true;
                    case "fax" -> fax = true;
                    default -> { }
                }
            }
            return new Capabilities(voice, sms, mms, fax);
        }
    }

    /** {@code GET /v2/phone_numbers}: one page of the account's numbers. */
    record PhoneNumbers(@Nullable List<PhoneNumber> data, @Nullable PaginationMeta meta) {}

    /** Only {@code total_pages} is read: whether another page follows. */
    record PaginationMeta(@Nullable Integer totalPages) {}

    /** {@code GET /v2/phone_numbers/{id}} and {@code DELETE}: one number under {@code data}. */
    record PhoneNumberEnvelope(@Nullable PhoneNumber data) {}

    /**
     * A number the account has (Telnyx's {@code PhoneNumberDetailed}). {@code id} is a large integer sent as a
     * string; it stays a string. The record says nothing of place or features. {@code connection_id} is the
     * TeXML, Call Control or SIP connection (application) its calls go to, null or absent when none.
     */
    record PhoneNumber(
            @Nullable String id,
            @Nullable String phoneNumber,
            @Nullable String status,
            @Nullable String countryIsoAlpha2,
            @Nullable String phoneNumberType,
            @Nullable String connectionId) {}

    /** {@code POST /v2/number_orders} and {@code GET /v2/number_orders/{id}}: one order under {@code data}. */
    record NumberOrderEnvelope(@Nullable NumberOrder data) {}

    /** An order: {@code status} {@code pending}, {@code success} or {@code failure}, and one entry per number. */
    record NumberOrder(@Nullable String id, @Nullable String status,
            @Nullable List<NumberOrderPhoneNumber> phoneNumbers) {}

    /** One number of an order, with a status of its own. */
    record NumberOrderPhoneNumber(@Nullable String phoneNumber, @Nullable String status) {}

    /** {@code {"errors": [...]}}, Telnyx's error body for every failing status. */
    record Errors(@Nullable List<Error> errors) {

        @Nullable Error first() {
            return errors == null || errors.isEmpty() ? null : errors.getFirst();
        }
    }

    /**
     * One error: {@code code} is a string ({@code "10009"}), {@code source.parameter} names a query parameter
     * ({@code filter[administrative_area]}) and {@code source.pointer} a JSON pointer.
     */
    record Error(
            @Nullable String code, @Nullable String title, @Nullable String detail, @Nullable Source source,
            @Nullable Map<String, Object> meta) {}

    record Source(@Nullable String pointer, @Nullable String parameter) {}
}
