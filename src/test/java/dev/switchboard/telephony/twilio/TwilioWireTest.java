package dev.switchboard.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.CallingCodes;
import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.NumberType;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's wire models read bodies as Twilio really sends them. The bodies are Twilio's own: the examples of its
 * OpenAPI document (which are captured answers, quirks and all), the live answer quoted in twilio/twilio-php#783,
 * and the envelope of twilio-java's {@code LocalTest} fixture.
 */
class TwilioWireTest {

    @Test
    void readsUpperCaseMmsAndSmsAsTwilioSendsThemOnNumbersForSale() {
        // twilio/twilio-php#783: curl .../AvailablePhoneNumbers/US/Local.json?AreaCode=215&PageSize=20
        String live = """
                {"available_phone_numbers": [{
                   "address_requirements" : "none",
                   "beta" : false,
                   "capabilities" : {"MMS" : true, "SMS" : true, "voice" : true},
                   "friendly_name": "(215) 555-0100", "iso_country": "US", "lata": "228", "latitude": "39.952300",
                   "locality": "Philadelphia", "longitude": "-75.163800", "phone_number": "+12155550100",
                   "postal_code": "19102", "rate_center": "PHLA", "region": "PA"}],
                 "uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/AvailablePhoneNumbers/US/Local.json"}
                """;

        var page = TwilioWire.MAPPER.readValue(live, TwilioWire.AvailablePhoneNumberList.class);

        var number = page.items().getFirst();
        assertThat(TwilioWire.CapabilityFlags.toPort(number.capabilities()))
                .isEqualTo(new Capabilities(true, true, true, false));
        assertThat(number.phoneNumber()).isEqualTo("+12155550100");
        assertThat(number.postalCode()).isEqualTo("19102");
        assertThat(page.nextPageUri()).isNull();
    }

    @Test
    void readsTheDocumentsExampleWithLowerCaseKeysAndCoordinatesAsStrings() {
        // The OpenAPI document's readFull example of AvailablePhoneNumbers/{Country}/Local.json, with the legacy
        // paging fields of twilio-java's LocalTest fixture (num_pages, total, last_page_uri) that no model reads.
        String example = """
                {"available_phone_numbers": [{"address_requirements": "none", "beta": false,
                   "capabilities": {"mms": true, "sms": false, "voice": true}, "friendly_name": "(808) 925-1571",
                   "iso_country": "US", "lata": "834", "latitude": "19.720000", "locality": "Hilo",
                   "longitude": "-155.090000", "phone_number": "+18089251571", "postal_code": "96720",
                   "rate_center": "HILO", "region": "HI"}],
                 "end": 1, "first_page_uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/AvailablePhoneNumbers/US/Local.json?PageSize=50&Page=0",
                 "last_page_uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/AvailablePhoneNumbers/US/Local.json?PageSize=50&Page=0",
                 "next_page_uri": null, "num_pages": 1, "page": 0, "page_size": 50, "previous_page_uri": null,
                 "start": 0, "total": 1,
                 "uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/AvailablePhoneNumbers/US/Local.json?PageSize=1"}
                """;

        var number = TwilioWire.MAPPER.readValue(example, TwilioWire.AvailablePhoneNumberList.class).items().getFirst();

        assertThat(number).isEqualTo(new TwilioWire.AvailablePhoneNumber("+18089251571", "US", "HI", "Hilo", "96720",
                "none", new TwilioWire.CapabilityFlags(true, false, true, null)));
    }

    @Test
    void readsAnOwnedNumberWithEmptySidsRfc2822DatesAndFieldsItDoesNotModel() {
        // The OpenAPI document's readFull example of IncomingPhoneNumbers.json, plus a field Twilio may add later.
        String example = """
                {"end": 0, "first_page_uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/IncomingPhoneNumbers.json?PageSize=50&Page=0",
                 "incoming_phone_numbers": [{"account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                   "address_requirements": "none", "address_sid": "ADaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                   "api_version": "2010-04-01", "beta": null,
                   "capabilities": {"voice": true, "sms": false, "mms": true, "fax": false},
                   "date_created": "Thu, 30 Jul 2015 23:19:04 +0000", "date_updated": "Thu, 30 Jul 2015 23:19:04 +0000",
                   "emergency_status": "Active", "emergency_address_sid": "ADaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                   "emergency_address_status": "registered", "friendly_name": "(808) 925-5327",
                   "identity_sid": "RIaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "origin": "origin",
                   "phone_number": "+18089255327", "sid": "PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                   "sms_application_sid": "", "sms_fallback_method": "POST", "sms_fallback_url": "",
                   "sms_method": "POST", "sms_url": "", "status_callback": "", "status_callback_method": "POST",
                   "trunk_sid": null,
                   "uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/IncomingPhoneNumbers/PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json",
                   "voice_application_sid": "", "voice_caller_id_lookup": false, "voice_fallback_method": "POST",
                   "voice_fallback_url": null, "voice_method": "POST", "voice_url": null,
                   "bundle_sid": "BUaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "voice_receive_mode": "voice",
                   "status": "in-use", "type": "local",
                   "subresource_uris": {"assigned_add_ons": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/IncomingPhoneNumbers/PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/AssignedAddOns.json"}}],
                 "next_page_uri": null, "page": 0, "page_size": 50, "previous_page_uri": null, "start": 0,
                 "uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/IncomingPhoneNumbers.json?PageSize=50&Page=0"}
                """;

        var number = TwilioWire.MAPPER.readValue(example, TwilioWire.IncomingPhoneNumberList.class).items().getFirst();

        assertThat(number).isEqualTo(new TwilioWire.IncomingPhoneNumber("PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "+18089255327", "none", new TwilioWire.CapabilityFlags(true, false, true, false), "local"));
    }

    @Test
    void readsMissingAndNullFieldsAsAbsent() {
        String sparse = """
                {"available_phone_numbers": [{"phone_number": "+447700900123", "iso_country": "GB",
                   "region": null, "postal_code": null, "capabilities": null, "beta": null}]}
                """;

        var number = TwilioWire.MAPPER.readValue(sparse, TwilioWire.AvailablePhoneNumberList.class).items().getFirst();

        assertThat(number.region()).isNull();
        assertThat(number.addressRequirements()).isNull();
        assertThat(TwilioWire.CapabilityFlags.toPort(number.capabilities())).isEqualTo(Capabilities.NONE);
    }

    @Test
    void readsAnEmptyListFromANextPageLink() {
        String page = """
                {"incoming_phone_numbers": [], "next_page_uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/IncomingPhoneNumbers.json?PageSize=50&Page=1&PageToken=PAxyz"}
                """;

        var list = TwilioWire.MAPPER.readValue(page, TwilioWire.IncomingPhoneNumberList.class);

        assertThat(list.items()).isEmpty();
        assertThat(list.nextPageUri()).endsWith("PageToken=PAxyz");
    }

    @Test
    void readsTwiliosErrorBody() {
        String error = """
                {"code": 20003, "detail": "Your AccountSid or AuthToken was incorrect.", "message": "Authenticate",
                 "more_info": "https://www.twilio.com/docs/errors/20003", "status": 401}
                """;

        var read = TwilioWire.MAPPER.readValue(error, TwilioWire.Error.class);

        assertThat(read).isEqualTo(new TwilioWire.Error(20003, "Authenticate", 401));
        assertThat(read.codeText()).isEqualTo("20003");
    }

    @Test
    void readsTheCountryResourceListingTheTypesSold() {
        // The OpenAPI document's fetch example of AvailablePhoneNumbers/{CountryCode}.json.
        String example = """
                {"beta": false, "country": "United States", "country_code": "US",
                 "subresource_uris": {"local": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/AvailablePhoneNumbers/US/Local.json",
                                      "toll_free": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/AvailablePhoneNumbers/US/TollFree.json"},
                 "uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/AvailablePhoneNumbers/US.json"}
                """;

        var country = TwilioWire.MAPPER.readValue(example, TwilioWire.AvailablePhoneNumberCountry.class);

        assertThat(country.subresourceUris()).containsOnlyKeys("local", "toll_free");
    }

    @Test
    void readsThePurchasesAnswerAsTheNumberTheAccountNowOwns() {
        // The OpenAPI document's "create" example of POST IncomingPhoneNumbers.json (201).
        String example = """
                {"account_sid": "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "address_requirements": "none",
                 "address_sid": "ADaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "api_version": "2010-04-01", "beta": false,
                 "capabilities": {"voice": true, "sms": false, "mms": true, "fax": false},
                 "date_created": "Thu, 30 Jul 2015 23:19:04 +0000", "date_updated": "Thu, 30 Jul 2015 23:19:04 +0000",
                 "emergency_status": "Active", "emergency_address_sid": "ADaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                 "emergency_address_status": "registered", "friendly_name": "friendly_name",
                 "identity_sid": "RIaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "origin": "origin", "phone_number": "+18089255327",
                 "sid": "PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "sms_application_sid": "APaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                 "sms_fallback_method": "GET", "sms_fallback_url": "https://example.com", "sms_method": "GET",
                 "sms_url": "https://example.com", "status_callback": "https://example.com",
                 "status_callback_method": "GET", "trunk_sid": null,
                 "uri": "/2010-04-01/Accounts/ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/IncomingPhoneNumbers/PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.json",
                 "voice_application_sid": "APaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "voice_caller_id_lookup": false,
                 "voice_fallback_method": "GET", "voice_fallback_url": "https://example.com", "voice_method": "GET",
                 "voice_url": "https://example.com", "bundle_sid": "BUaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                 "voice_receive_mode": "voice", "status": "in-use", "type": "local"}
                """;

        var wire = TwilioWire.MAPPER.readValue(example, TwilioWire.IncomingPhoneNumber.class);

        assertThat(TwilioAdapter.owned(wire)).contains(new AvailableNumber("+18089255327", "US", NumberType.LOCAL,
                null, null, null, new Capabilities(true, false, true, false), "none", null, false,
                "PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
    }

    @Test
    void anOwnedNumberWithoutSidOrNumberIsNotANumber() {
        assertThat(TwilioAdapter.owned(new TwilioWire.IncomingPhoneNumber(null, "+18089255327", "none", null,
                "local"))).isEmpty();
        assertThat(TwilioAdapter.owned(new TwilioWire.IncomingPhoneNumber("PNaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", " ",
                "none", null, "local"))).isEmpty();
    }

    @Test
    void readsTwiliosTypeOfAnOwnedNumberAndFallsBackOnItsPrefix() {
        assertThat(TwilioAdapter.typeOf("tollfree", "+18005550100")).isEqualTo(NumberType.TOLL_FREE);
        assertThat(TwilioAdapter.typeOf("mobile", "+447700900123")).isEqualTo(NumberType.MOBILE);
        assertThat(TwilioAdapter.typeOf("local", "+14155550100")).isEqualTo(NumberType.LOCAL);
        assertThat(TwilioAdapter.typeOf(null, "+18885550100")).isEqualTo(NumberType.TOLL_FREE);
        assertThat(TwilioAdapter.typeOf(null, "+14155550100")).isEqualTo(NumberType.LOCAL);
        assertThat(TwilioAdapter.typeOf("shortcode", "+442079460321")).isEqualTo(NumberType.LOCAL);
    }

    @Test
    void tellsTheCountryOfANumberFromItsCallingCodeAndNanpAreaCode() {
        assertThat(CallingCodes.countryOf("+14155550100")).contains("US");
        assertThat(CallingCodes.countryOf("+18005550100")).contains("US");
        assertThat(CallingCodes.countryOf("+14165550123")).contains("CA");
        assertThat(CallingCodes.countryOf("+17875550100")).contains("PR");
        assertThat(CallingCodes.countryOf("+442079460321")).contains("GB");
        assertThat(CallingCodes.countryOf("+4915112345678")).contains("DE");
        assertThat(CallingCodes.countryOf("+79161234567")).contains("RU");
        assertThat(CallingCodes.countryOf("+353861234567")).contains("IE");
        assertThat(CallingCodes.countryOf("+999123")).isEmpty();
    }

    @Test
    void readsTwiliosAnswerForANumberNotOnSale() {
        // Twilio's 400 for a number it will not sell (its magic test number +15005550000 answers it).
        String error = """
                {"code": 21422, "message": "PhoneNumber is not available", "more_info": "https://www.twilio.com/docs/errors/21422", "status": 400}
                """;

        var read = TwilioWire.MAPPER.readValue(error, TwilioWire.Error.class);

        assertThat(TwilioAdapter.NOT_ON_SALE_CODES).contains(read.code());
    }

    /** Jackson reading the records themselves, as it did before the page got a reader of its own. */
    private static final JsonMapper JACKSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"available_phone_numbers\": [{\"phone_number\": \"+14155550100\", \"iso_country\": \"US\", "
                + "\"region\": \"CA\", \"locality\": \"San Francisco\", \"postal_code\": \"94103\", "
                + "\"address_requirements\": \"none\", \"beta\": false, \"friendly_name\": \"x\", "
                + "\"capabilities\": {\"MMS\": true, \"SMS\": false, \"voice\": true, \"fax\": null}}], "
                + "\"next_page_uri\": \"/2010-04-01/next\", \"uri\": \"/x\", \"page\": 0}",
        "{\"available_phone_numbers\": [{\"phone_number\": \"+15005550006\", \"postal_code\": 94103, "
                + "\"beta\": \"true\", \"lata\": {\"nested\": [1, {\"deep\": null}]}, "
                + "\"capabilities\": {\"mms\": \"false\", \"sms\": 1, \"Voice\": true}}, null, {}]}",
        "{\"available_phone_numbers\": [], \"next_page_uri\": null}",
        "{\"available_phone_numbers\": null}",
        "{\"uri\": \"/x\"}",
        "{\"available_phone_numbers\": [{\"capabilities\": null, \"region\": null, \"beta\": null}]}",
        "{\"available_phone_numbers\": [{\"phone_number\": 14155550100, \"locality\": true}]}"})
    void thePagesOwnReaderReadsWhatJacksonReadsFromTheRecords(String body) {
        var expected = JACKSON.readValue(body, TwilioWire.AvailablePhoneNumberList.class);
        var page = TwilioWire.MAPPER.readValue(body, TwilioWire.AvailablePhoneNumberList.class);
        // Jackson keeps a null in the list where the page has one; the reader drops it (no number to offer).
        assertThat(page).isEqualTo(new TwilioWire.AvailablePhoneNumberList(
                expected.items() == null ? null : expected.items().stream().filter(Objects::nonNull).toList(),
                expected.nextPageUri()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[]",
        "{\"available_phone_numbers\": \"none\"}",
        "{\"available_phone_numbers\": [{\"phone_number\": {\"e164\": \"+14155550100\"}}]}",
        "{\"available_phone_numbers\": [{\"capabilities\": [\"voice\"]}]}",
        "{\"available_phone_numbers\": [1]}",
        "{\"next_page_uri\": {}}"})
    void thePagesOwnReaderRefusesWhatJacksonRefuses(String body) {
        assertThatThrownBy(() -> JACKSON.readValue(body, TwilioWire.AvailablePhoneNumberList.class))
                .isInstanceOf(JacksonException.class);
        assertThatThrownBy(() -> TwilioWire.MAPPER.readValue(body, TwilioWire.AvailablePhoneNumberList.class))
                .isInstanceOf(JacksonException.class);
    }
}
