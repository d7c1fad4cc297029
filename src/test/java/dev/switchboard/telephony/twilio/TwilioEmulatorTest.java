package dev.switchboard.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.twilio.TwilioEmulator.InventoryNumber;
import dev.switchboard.telephony.twilio.TwilioEmulator.OwnedNumber;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator itself behaves as Twilio documents, since other tests (the API's) rely on it too. Spoken to with a
 * plain HTTP client, not the adapter.
 */
class TwilioEmulatorTest {

    static final String SID = TwilioEmulator.sidFor("AC", "emulator test account");
    static final String TOKEN = "emulator-test-token-0123456789";
    static final String ACCOUNT = "/2010-04-01/Accounts/" + SID;
    static final JsonMapper JSON = JsonMapper.builder().build();

    final HttpClient http = HttpClient.newHttpClient();
    TwilioEmulator twilio;

    @BeforeEach
    void start() {
        twilio = TwilioEmulator.start().registerAccount(SID, TOKEN).withSampleInventory().addInventory(
                InventoryNumber.of("+18775557306", "US", NumberType.TOLL_FREE),
                InventoryNumber.of("+18449790000", "US", NumberType.TOLL_FREE),
                InventoryNumber.of("+18887867600", "US", NumberType.TOLL_FREE));
    }

    @AfterEach
    void conformed() {
        try {
            twilio.assertConformant();
        } finally {
            twilio.close();
            http.close();
        }
    }

    @Test
    void answersUnknownCredentialsWithTwiliosAuthenticateError() throws Exception {
        HttpResponse<String> response = get(ACCOUNT + "/IncomingPhoneNumbers.json", SID, "wrong");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Basic"));
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("code").asInt()).isEqualTo(20003);
        assertThat(error.get("message").asString()).isEqualTo("Authenticate");
        assertThat(error.get("more_info").asString()).isEqualTo("https://www.twilio.com/docs/errors/20003");
        assertThat(error.get("status").asInt()).isEqualTo(401);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "%2B1877555 | +18775557306",          // start, country code included
            "7306%24    | +18775557306",          // end
            "%25979%25  | +18449790000",          // anywhere, with % wildcards
            "STORM      | +18887867600",          // letters stand for keypad digits: 78676
            "*7306%24   | +18775557306"})         // * is one character (only at an end)
    void appliesContainsAsTwilioDocumentsIt(String rawContains, String expected) throws Exception {
        HttpResponse<String> response = get(ACCOUNT + "/AvailablePhoneNumbers/US/TollFree.json?Contains="
                + rawContains, SID, TOKEN);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(phoneNumbers(JSON.readTree(response.body()).get("available_phone_numbers")))
                .containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "12345678901234567", "41*5", "%2B*12", "1%24%24"})
    void refusesAContainsPatternTwilioWouldRefuse(String rawContains) throws Exception {
        HttpResponse<String> response = get(ACCOUNT + "/AvailablePhoneNumbers/US/Local.json?Contains=" + rawContains,
                SID, TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void sellsOnlyWhatItsCatalogueSaysAndListsItOnTheCountryResource() throws Exception {
        assertThat(get(ACCOUNT + "/AvailablePhoneNumbers/US/Mobile.json", SID, TOKEN).statusCode()).isEqualTo(404);

        JsonNode country = JSON.readTree(get(ACCOUNT + "/AvailablePhoneNumbers/US.json", SID, TOKEN).body());

        assertThat(country.get("subresource_uris").propertyNames()).containsExactlyInAnyOrder("local", "toll_free");
    }

    @Test
    void pagesOwnedNumbersWithTwiliosPagingFields() throws Exception {
        for (int i = 0; i < 5; i++) {
            twilio.addOwned(SID, OwnedNumber.of("+1415555010" + i, NumberType.LOCAL));
        }
        List<String> seen = new ArrayList<>();
        String next = ACCOUNT + "/IncomingPhoneNumbers.json?PageSize=2";
        int pages = 0;
        while (next != null) {
            JsonNode page = JSON.readTree(get(next, SID, TOKEN).body());
            assertThat(page.get("page").asInt()).isEqualTo(pages);
            assertThat(page.get("page_size").asInt()).isEqualTo(2);
            assertThat(page.get("start").asInt()).isEqualTo(pages * 2);
            seen.addAll(phoneNumbers(page.get("incoming_phone_numbers")));
            next = page.get("next_page_uri").isNull() ? null : page.get("next_page_uri").asString();
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("+14155550100", "+14155550101", "+14155550102", "+14155550103",
                "+14155550104");
    }

    @Test
    void recordsARequestTheDocumentDoesNotAllowAsAViolation() throws Exception {
        try (TwilioEmulator strict = TwilioEmulator.start().registerAccount(SID, TOKEN)) {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(strict.baseUrl() + ACCOUNT + "/AvailablePhoneNumbers/US/Local.json?InPostal=94105"))
                    .header("Authorization", basic(SID, TOKEN)).build();
            http.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(strict.conformanceViolations()).singleElement().asString()
                    .contains("Query parameter 'InPostal' is unexpected");
        }
    }

    @Test
    void countsAndRecordsTheRequestsItReceives() throws Exception {
        get(ACCOUNT + "/AvailablePhoneNumbers/US/Local.json?AreaCode=415&PageSize=5", SID, TOKEN);

        assertThat(twilio.requestCount()).isEqualTo(1);
        assertThat(twilio.requests().getFirst().parameter("AreaCode")).contains("415");
        assertThat(twilio.requests().getFirst().basicAuthUser()).isEqualTo(SID);
    }

    private HttpResponse<String> get(String pathAndQuery, String user, String password)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(twilio.baseUrl() + pathAndQuery))
                .header("Authorization", basic(user, password)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> phoneNumbers(JsonNode numbers) {
        List<String> phoneNumbers = new ArrayList<>();
        numbers.forEach(number -> phoneNumbers.add(number.get("phone_number").asString()));
        return phoneNumbers;
    }
}
