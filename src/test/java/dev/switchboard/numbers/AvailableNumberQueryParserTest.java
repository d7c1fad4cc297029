package dev.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.telephony.Capability;
import dev.switchboard.telephony.NumberSource;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.web.InvalidRequest;
import dev.switchboard.web.ParameterError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AvailableNumberQueryParserTest {

    private static final String CONNECTION = "550e8400-e29b-41d4-a716-446655440000";

    private static Map<String, List<String>> query(String... keyValues) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put("telephony_provider", List.of("twilio"));
        map.put("telephony_account_connection", List.of(CONNECTION));
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], List.of(keyValues[i + 1]));
        }
        return map;
    }

    private static List<String> errorsOf(Map<String, List<String>> query) {
        try {
            AvailableNumberQueryParser.parse(query);
        } catch (InvalidRequest e) {
            return e.errors().stream().map(ParameterError::parameter).toList();
        }
        throw new AssertionError("expected a 422 for " + query);
    }

    @Test
    void defaultsToTwentyLocalUsInventoryNumbers() {
        var q = AvailableNumberQueryParser.parse(query());
        assertThat(q.provider()).isEqualTo(TelephonyProviderName.TWILIO);
        assertThat(q.connectionId()).hasToString(CONNECTION);
        assertThat(q.search().source()).isEqualTo(NumberSource.INVENTORY);
        assertThat(q.search().country()).isEqualTo("US");
        assertThat(q.search().type()).isEqualTo(NumberType.LOCAL);
        assertThat(q.search().limit()).isEqualTo(20);
        assertThat(q.search().capabilities()).isEmpty();
    }

    @Test
    void anAccountSearchHasNoDefaultCountryOrTypeButReadsAnAreaCodeInTheNanp() {
        var every = AvailableNumberQueryParser.parse(query("filters", "{\"source\":\"account\"}")).search();
        assertThat(every.country()).isNull();
        assertThat(every.type()).isNull();
        var byAreaCode = AvailableNumberQueryParser.parse(query("filters",
                "{\"source\":\"account\",\"area_code\":\"415\"}")).search();
        assertThat(byAreaCode.country()).isEqualTo("US");
        assertThat(byAreaCode.type()).isNull();
        var tollFree = AvailableNumberQueryParser.parse(query("filters",
                "{\"source\":\"account\",\"type\":\"toll_free\"}")).search();
        assertThat(tollFree.country()).isNull();
        assertThat(tollFree.type()).isEqualTo(dev.switchboard.telephony.NumberType.TOLL_FREE);
    }

    @Test
    void readsEveryFilter() {
        var s = AvailableNumberQueryParser.parse(query("limit", "7", "filters", """
                {"source":"account","country":"ca","type":"toll_free","area_code":"800","contains":"Flowers",
                 "starts_with":"80","ends_with":"99","region":"ON","locality":"Toronto","postal_code":"M5V 2T6",
                 "capabilities":["voice","sms"],"exclude_address_required":true,"best_effort":true}""")).search();
        assertThat(s.source()).isEqualTo(NumberSource.ACCOUNT);
        assertThat(s.country()).isEqualTo("CA");
        assertThat(s.type()).isEqualTo(NumberType.TOLL_FREE);
        assertThat(s.areaCode()).isEqualTo("800");
        assertThat(s.contains()).isEqualTo("3569377");
        assertThat(s.startsWith()).isEqualTo("80");
        assertThat(s.endsWith()).isEqualTo("99");
        assertThat(s.region()).isEqualTo("ON");
        assertThat(s.locality()).isEqualTo("Toronto");
        assertThat(s.postalCode()).isEqualTo("M5V 2T6");
        assertThat(s.capabilities()).isEqualTo(Set.of(Capability.VOICE, Capability.SMS));
        assertThat(s.excludeAddressRequired()).isTrue();
        assertThat(s.bestEffort()).isTrue();
        assertThat(s.limit()).isEqualTo(7);
    }

    @Test
    void nullFilterValuesMeanAbsent() {
        var s = AvailableNumberQueryParser.parse(query("filters", "{\"area_code\":null,\"best_effort\":null}")).search();
        assertThat(s.areaCode()).isNull();
        assertThat(s.bestEffort()).isFalse();
    }

    @Test
    void areaCodeFollowsTheCountrysNumberingPlan() {
        assertThat(errorsOf(query("filters", "{\"area_code\":\"20\"}"))).containsExactly("filters.area_code");
        var gb = AvailableNumberQueryParser.parse(query("filters", "{\"country\":\"GB\",\"area_code\":\"20\"}")).search();
        assertThat(gb.areaCode()).isEqualTo("20");
    }

    @Test
    void collectsEveryErrorOfOneRequest() {
        Map<String, List<String>> q = new LinkedHashMap<>();
        q.put("telephony_provider", List.of("twilio", "sandbox"));
        q.put("limit", List.of("1000"));
        q.put("filters", List.of("{\"type\":1,\"capabilities\":[\"sms\",3],\"zip\":\"94103\"}"));
        q.put("sort", List.of("asc"));
        assertThat(errorsOf(q)).containsExactlyInAnyOrder("telephony_provider", "sort", "telephony_account_connection",
                "limit", "filters.zip", "filters.type", "filters.capabilities[1]");
    }

    @Test
    void vanityLettersBecomeKeypadDigits() {
        assertThat(VanityNumber.toDigits("CALL")).isEqualTo("2255");
        assertThat(VanityNumber.toDigits("1-800".replace("-", ""))).isEqualTo("1800");
        assertThat(VanityNumber.toDigits("pqrsTUVwxyz")).isEqualTo("77778889999");
        assertThatThrownBy(() -> VanityNumber.toDigits("a*b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sortIsAFilterKeptOutOfTheProvidersSearch() {
        var sorted = AvailableNumberQueryParser.parse(query("filters", "{\"area_code\": \"415\", \"sort\": \"setup_price\"}"));
        var unsorted = AvailableNumberQueryParser.parse(query("filters", "{\"area_code\": \"415\"}"));
        assertThat(sorted.sort()).isEqualTo(NumberSort.Search.SETUP_PRICE);
        assertThat(unsorted.sort()).as("the single search keeps the provider's order without it").isNull();
        assertThat(sorted.search()).as("one provider call and cache entry for both").isEqualTo(unsorted.search());
        assertThat(errorsOf(query("filters", "{\"sort\": \"price\"}"))).containsExactly("filters.sort");
    }

    @Test
    void theSearchAcrossAccountsTakesConnectionsLimitAndFiltersAndRanksByMonthlyPriceByDefault() {
        String other = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
        var q = AvailableNumberQueryParser.parseAcrossAccounts(Map.of("connections", List.of(CONNECTION + ", " + other),
                "limit", List.of("5"), "filters", List.of("{\"area_code\": \"212\"}")));
        assertThat(q.connections()).extracting(Object::toString).containsExactly(CONNECTION, other);
        assertThat(q.search().limit()).isEqualTo(5);
        assertThat(q.search().areaCode()).isEqualTo("212");
        assertThat(q.sort()).isEqualTo(NumberSort.Search.MONTHLY_PRICE);
        assertThat(AvailableNumberQueryParser.parseAcrossAccounts(Map.of()).connections()).as("all").isNull();

        assertThatThrownBy(() -> AvailableNumberQueryParser.parseAcrossAccounts(Map.of(
                "connections", List.of(CONNECTION + ",,"), "telephony_account_connection", List.of(CONNECTION),
                "filters", List.of("{\"colour\": \"red\"}"))))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.errors()).extracting(ParameterError::parameter)
                        .containsExactlyInAnyOrder("connections", "telephony_account_connection", "filters.colour"));
        assertThatThrownBy(() -> AvailableNumberQueryParser.parseAcrossAccounts(Map.of(
                "filters", List.of("{\"source\": \"account\"}"))))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.errors()).extracting(ParameterError::parameter)
                        .containsExactly("filters.source"));
        String tooMany = String.join(",", java.util.Collections.nCopies(AvailableNumberQueryParser.MAX_CONNECTIONS + 1, CONNECTION));
        assertThatThrownBy(() -> AvailableNumberQueryParser.parseAcrossAccounts(Map.of("connections", List.of(tooMany))))
                .hasMessageContaining("at most " + AvailableNumberQueryParser.MAX_CONNECTIONS);
    }
}
