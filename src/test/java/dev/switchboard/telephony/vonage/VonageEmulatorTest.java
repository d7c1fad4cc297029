package dev.switchboard.telephony.vonage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.vonage.VonageEmulator.InventoryNumber;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator itself, called with a plain HTTP client: it answers as Vonage does, and its conformance check catches
 * a request Vonage's document does not allow (so an adapter test passing with it means something).
 */
class VonageEmulatorTest {

    private static final String KEY = "e5f6a7b8";
    private static final String SECRET = "EmulatorSecret0123";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private VonageEmulator vonage;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        vonage = VonageEmulator.start().registerAccount(KEY, SECRET).withSampleInventory();
    }

    @AfterEach
    void stop() {
        http.close();
        vonage.close();
    }

    @Test
    void answersASearchWithCountAndOnePageOfNumbersWithoutPlus() throws Exception {
        HttpResponse<String> r = get("/number/search?country=US&type=mobile-lvn&size=2&index=2", true);

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("count").asInt()).isEqualTo(3);
        assertThat(body.get("numbers")).hasSize(1);
        assertThat(body.get("numbers").get(0).get("msisdn").asString()).isEqualTo("12125550147");
        assertThat(body.get("numbers").get(0).get("cost").isString()).isTrue();
        assertThat(vonage.conformanceViolations()).isEmpty();
    }

    @Test
    void answersNoMatchWithACountAlone() throws Exception {
        HttpResponse<String> r = get("/number/search?country=DE", true);

        assertThat(r.body()).isEqualTo("{\"count\":0}");
        assertThat(vonage.conformanceViolations()).isEmpty();
    }

    @Test
    void takesCredentialsAsQueryParametersTooAsTheDocumentDeclares() throws Exception {
        HttpResponse<String> r = get("/number/search?country=US&api_key=" + KEY + "&api_secret=" + SECRET, false);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(vonage.conformanceViolations()).isEmpty();
    }

    @Test
    void answersWrongCredentialsWithVonagesLegacy401() throws Exception {
        HttpResponse<String> r = get("/number/search?country=US&api_key=" + KEY + "&api_secret=wrong", false);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"error-code\":\"401\",\"error-code-label\":\"authentication failed\"}");
        assertThat(vonage.conformanceViolations()).isEmpty();
    }

    @Test
    void flagsCredentialsSentNeitherWay() throws Exception {
        get("/number/search?country=US", false);

        assertThat(vonage.conformanceViolations()).anyMatch(v -> v.contains("no credentials"));
    }

    @Test
    void flagsAParameterTheDocumentDoesNotKnowAndAFeatureSpeltWrong() throws Exception {
        get("/number/search?country=US&colour=red", true);
        HttpResponse<String> wrongOrder = get("/number/search?country=US&features=VOICE,SMS", true);

        assertThat(wrongOrder.statusCode()).isEqualTo(400);
        assertThat(wrongOrder.body()).isEqualTo("{\"features\":\"Is invalid.\"}");
        assertThat(vonage.conformanceViolations())
                .anyMatch(v -> v.contains("colour"))
                .anyMatch(v -> v.contains("features"));
    }

    @Test
    void flagsASearchWithoutCountry() throws Exception {
        HttpResponse<String> r = get("/number/search?type=landline", true);

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(vonage.conformanceViolations()).anyMatch(v -> v.contains("country"));
    }

    @Test
    void buysAndCancelsWithFormBodiesAnsweringVonagesSuccessBody() throws Exception {
        HttpResponse<String> bought = post("/number/buy", "country=US&msisdn=14155550123");
        assertThat(bought.statusCode()).isEqualTo(200);
        assertThat(bought.body()).isEqualTo("{\"error-code\":\"200\",\"error-code-label\":\"success\"}");
        assertThat(vonage.onSale("14155550123")).isFalse();
        assertThat(vonage.owned(KEY)).singleElement()
                .satisfies(n -> assertThat(n.type()).isEqualTo(VonageEmulator.wireType(NumberType.MOBILE)));

        HttpResponse<String> again = post("/number/buy", "country=US&msisdn=14155550123");
        assertThat(again.statusCode()).isEqualTo(420);
        assertThat(again.body()).isEqualTo("{\"error-code\":\"420\",\"error-code-label\":\"method failed\"}");

        assertThat(post("/number/cancel", "country=US&msisdn=14155550123").statusCode()).isEqualTo(200);
        assertThat(vonage.owned(KEY)).isEmpty();
        assertThat(vonage.onSale("14155550123")).isTrue();
        assertThat(vonage.conformanceViolations()).isEmpty();
    }

    @Test
    void flagsABuyWithoutMsisdn() throws Exception {
        HttpResponse<String> r = post("/number/buy", "country=US");

        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(vonage.conformanceViolations()).anyMatch(v -> v.contains("msisdn"));
    }

    @Test
    void countsRequests() throws Exception {
        vonage.addInventory(InventoryNumber.of("14155550999", "US", NumberType.LOCAL));
        get("/number/search?country=US", true);
        get("/account/numbers", true);

        assertThat(vonage.requestCount()).isEqualTo(2);
        assertThat(vonage.requests()).extracting(VonageEmulator.ReceivedRequest::path)
                .containsExactly("/number/search", "/account/numbers");
    }

    private HttpResponse<String> get(String pathAndQuery, boolean basicAuth) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(vonage.baseUrl() + pathAndQuery)).GET();
        if (basicAuth) {
            request.header("Authorization", basic());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(vonage.baseUrl() + path))
                .header("Authorization", basic())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    }
}
