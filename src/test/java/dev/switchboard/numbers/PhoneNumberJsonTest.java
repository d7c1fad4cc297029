package dev.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.connections.AccountConnectionView;
import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.Money;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link PhoneNumberJson} writes exactly what Jackson writes from the records themselves: same keys, same order,
 * same values. A component added to {@link PhoneNumberView} or {@link ProviderDetails} but not to the writer fails
 * here.
 */
class PhoneNumberJsonTest {

    private static final JsonMapper JACKSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();
    private static final JsonMapper WRITER = JACKSON.rebuild().addModule(new PhoneNumberJson()).build();

    private static final AccountConnectionView CONNECTION = new AccountConnectionView(
            UUID.fromString("0f9d7c1e-2a3b-4c5d-8e6f-7a8b9c0d1e2f"), UUID.fromString("11111111-2222-3333-4444-555555555555"),
            "main", null, "account_connection_twilio",
            Map.of("twilio_account_sid", "AC0123456789abcdef0123456789abcdef", "twilio_auth_token", "****2e7a"),
            List.of("+14155550100"), true, Map.of("region", "us1"),
            Instant.parse("2026-11-26T05:44:10.571329Z"), Instant.parse("2026-11-26T06:00:00Z"));

    static Stream<Object> views() {
        ProviderDetails searched = new ProviderDetails("US", "local", "CA", "San Francisco", "94103",
                new Capabilities(true, true, false, false), "none", null, null, null, false, false);
        ProviderDetails priced = new ProviderDetails("GB", "mobile", null, null, null, Capabilities.NONE, "any",
                new Money("0.90", "EUR"), new Money("0.50", "EUR"), new ConvertedPrice("USD", "1.08", "0.972", "0.54"),
                true, true);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("customer", "Ada \"Lovelace\" \u00e9\u2603");
        context.put("tier", 3);
        PhoneNumberView search = new PhoneNumberView(null, null, "+14155552671", false, null, null, false, Map.of(),
                "twilio", CONNECTION, null, null, searched, null);
        PhoneNumberView held = new PhoneNumberView(UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"),
                CONNECTION.userId(), "+447700900123", true, "Support \n line", "Front desk", true, context, "vonage",
                CONNECTION, "the desk's line", null, priced, new RoutingView("drifted", Map.of("app_id",
                        "aaaaaaaa-bbbb-cccc-dddd-0123456789ab"), java.time.Instant.parse("2026-12-06T10:15:30Z"),
                        "Vonage points it elsewhere"));
        PhoneNumberView linked = new PhoneNumberView(UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-000000000000"),
                CONNECTION.userId(), "+15005550006", true, null, null, false, Map.of(), "twilio", CONNECTION, null,
                null, null, new RoutingView("ok", null, null, null));
        return Stream.of(search, held, linked, searched, priced,
                new AvailableNumbersResponse(List.of(search, search, held), 3, 1, 20, false, true));
    }

    @ParameterizedTest
    @MethodSource("views")
    void writesWhatJacksonWritesFromTheRecords(Object value) {
        assertThat(WRITER.writeValueAsString(value)).isEqualTo(JACKSON.writeValueAsString(value));
    }
}
