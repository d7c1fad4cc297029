package dev.switchboard.telephony.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.telephony.Money;
import dev.switchboard.telephony.NumberType;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SandboxCatalogueTest {

    private static final SandboxCatalogue CATALOGUE = SandboxCatalogue.load();

    @Test
    void shipsManyRealUsAreaCodesAcrossTheStates() {
        List<RateCenter> us = kind("US", NumberType.LOCAL);
        assertThat(us.stream().map(RateCenter::areaCode).distinct().count()).isGreaterThanOrEqualTo(60);
        assertThat(us.stream().map(RateCenter::region).distinct().count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void shipsCanadianAreaCodesAcrossTheProvinces() {
        List<RateCenter> ca = kind("CA", NumberType.LOCAL);
        assertThat(ca.stream().map(RateCenter::areaCode).distinct().count()).isGreaterThanOrEqualTo(10);
        assertThat(ca.stream().map(RateCenter::region).collect(Collectors.toSet()))
                .contains("ON", "QC", "BC", "AB", "MB", "SK", "NS", "NB", "NL", "PE");
    }

    @Test
    void shipsTheTollFreePrefixesInBothCountries() {
        Set<String> prefixes = Set.of("800", "833", "844", "855", "866", "877", "888");
        assertThat(kind("US", NumberType.TOLL_FREE)).extracting(RateCenter::areaCode)
                .containsExactlyInAnyOrderElementsOf(prefixes);
        assertThat(kind("CA", NumberType.TOLL_FREE)).extracting(RateCenter::areaCode)
                .containsExactlyInAnyOrderElementsOf(prefixes);
        assertThat(kind("US", NumberType.TOLL_FREE)).allSatisfy(rc -> {
            assertThat(rc.region()).isNull();
            assertThat(rc.locality()).isNull();
            assertThat(rc.postalCode()).isNull();
        });
    }

    @Test
    void knowsWhereWellKnownAreaCodesAre() {
        assertThat(mainCity("212")).isEqualTo("NY New York 10001");
        assertThat(mainCity("415")).isEqualTo("CA San Francisco 94102");
        assertThat(mainCity("512")).isEqualTo("TX Austin 78701");
        assertThat(mainCity("312")).isEqualTo("IL Chicago 60601");
        assertThat(mainCity("206")).isEqualTo("WA Seattle 98101");
        assertThat(mainCity("617")).isEqualTo("MA Boston 02108");
        assertThat(mainCity("416")).isEqualTo("ON Toronto M5H 2N2");
        assertThat(mainCity("604")).isEqualTo("BC Vancouver V6B 1A1");
    }

    @Test
    void postalCodesHaveTheirCountrysFormat() {
        assertThat(kind("US", NumberType.LOCAL)).allSatisfy(rc -> assertThat(rc.postalCode()).matches("\\d{5}"));
        assertThat(kind("CA", NumberType.LOCAL))
                .allSatisfy(rc -> assertThat(rc.postalCode()).matches("[A-Z]\\d[A-Z] \\d[A-Z]\\d"));
    }

    @Test
    void pricesLocalAndTollFreeNumbersInTheCountrysCurrency() {
        assertThat(kind("US", NumberType.LOCAL)).allSatisfy(rc -> assertThat(rc.monthlyPrice())
                .isEqualTo(new Money("1.15", "USD")));
        assertThat(kind("US", NumberType.TOLL_FREE)).allSatisfy(rc -> assertThat(rc.monthlyPrice())
                .isEqualTo(new Money("2.15", "USD")));
        assertThat(kind("CA", NumberType.LOCAL)).allSatisfy(rc -> assertThat(rc.monthlyPrice().currency())
                .isEqualTo("CAD"));
    }

    @Test
    void findsRegionsByCodeOrNameIgnoringCase() {
        assertThat(areaCodes(CATALOGUE.inRegion("TX"))).contains("210", "214", "512", "713");
        assertThat(CATALOGUE.inRegion("tx")).isEqualTo(CATALOGUE.inRegion("TX"));
        assertThat(CATALOGUE.inRegion("Texas")).isEqualTo(CATALOGUE.inRegion("TX"));
        assertThat(CATALOGUE.inRegion("Québec")).isEqualTo(CATALOGUE.inRegion("QC"));
        assertThat(CATALOGUE.inRegion("Atlantis").isEmpty()).isTrue();
    }

    @Test
    void findsLocalitiesIgnoringCaseAccentsAndSaintAbbreviations() {
        assertThat(areaCodes(CATALOGUE.inLocality("austin"))).containsExactly("512");
        assertThat(areaCodes(CATALOGUE.inLocality("Montreal"))).containsExactly("514");
        assertThat(areaCodes(CATALOGUE.inLocality("saint louis"))).containsExactly("314");
        assertThat(areaCodes(CATALOGUE.inLocality("St Paul"))).containsExactly("651");
        assertThat(areaCodes(CATALOGUE.inLocality("Saint John's"))).containsExactly("709");
    }

    @Test
    void aLocalityMayBeServedByOverlaysAndExistInSeveralStates() {
        assertThat(areaCodes(CATALOGUE.inLocality("New York"))).containsExactlyInAnyOrder("212", "646");
        assertThat(regions(CATALOGUE.inLocality("Springfield"))).containsExactlyInAnyOrder("IL", "MA", "MO");
        assertThat(regions(CATALOGUE.inLocality("Portland"))).containsExactlyInAnyOrder("ME", "OR");
    }

    @Test
    void findsPostalCodesIgnoringSpacesCaseAndZipPlusFour() {
        assertThat(areaCodes(CATALOGUE.withPostalCode("m5h2n2"))).containsExactlyInAnyOrder("416", "647");
        assertThat(areaCodes(CATALOGUE.withPostalCode("78701-1234"))).containsExactly("512");
        assertThat(CATALOGUE.withPostalCode("78702").isEmpty()).isTrue();
        assertThat(areaCodes(CATALOGUE.inPostalArea("78702"))).containsExactly("512");
    }

    @Test
    void widensToTheAreaCodesAndRegionsOfAPlace() {
        BitSet roundRock = CATALOGUE.inLocality("Round Rock");
        assertThat(localities(CATALOGUE.withAreaCodesOf(roundRock))).containsExactlyInAnyOrder("Austin", "Round Rock");
        assertThat(regions(CATALOGUE.inRegionsOf(roundRock))).containsExactly("TX");
    }

    @Test
    void oneAreaCodeMayServeTwoProvinces() {
        assertThat(regions(CATALOGUE.withAreaCode("902"))).containsExactlyInAnyOrder("NS", "PE");
    }

    @Test
    void rejectsAMalformedLineNamingIt() {
        assertThatThrownBy(() -> SandboxCatalogue.parse(List.of("# header", "local,512,US,TX,Texas,Austin")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> SandboxCatalogue.parse(List.of("local,112,US,TX,Texas,Austin,78701")))
                .hasMessageContaining("not a NANP area code");
        assertThatThrownBy(() -> SandboxCatalogue.parse(List.of("mobile,512,US,TX,Texas,Austin,78701")))
                .hasMessageContaining("local or toll_free");
        assertThatThrownBy(() -> SandboxCatalogue.parse(List.of("local,512,US,,,,")))
                .hasMessageContaining("needs a region");
        assertThatThrownBy(() -> SandboxCatalogue.parse(List.of("local,020,GB,LDN,London,London,EC1A 1BB")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<RateCenter> kind(String country, NumberType type) {
        return CATALOGUE.ofKind(country, type).stream().mapToObj(CATALOGUE::rateCenter).toList();
    }

    private static String mainCity(String areaCode) {
        RateCenter rc = CATALOGUE.rateCenter(CATALOGUE.withAreaCode(areaCode).nextSetBit(0));
        return rc.region() + " " + rc.locality() + " " + rc.postalCode();
    }

    private static Set<String> areaCodes(BitSet rateCenters) {
        return rateCenters.stream().mapToObj(id -> CATALOGUE.rateCenter(id).areaCode()).collect(Collectors.toSet());
    }

    private static Set<String> regions(BitSet rateCenters) {
        return rateCenters.stream().mapToObj(id -> CATALOGUE.rateCenter(id).region()).collect(Collectors.toSet());
    }

    private static Set<String> localities(BitSet rateCenters) {
        return rateCenters.stream().mapToObj(id -> CATALOGUE.rateCenter(id).locality()).collect(Collectors.toSet());
    }
}
