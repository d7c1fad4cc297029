package dev.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegionsTest {

    @Test
    void regionsAreTakenAsCodesOrNamesAccentsAndCaseAside() {
        assertThat(Regions.code("US", "california")).contains("CA");
        assertThat(Regions.code("US", "ny")).contains("NY");
        assertThat(Regions.code("US", "District of Columbia")).contains("DC");
        assertThat(Regions.code("CA", "Québec")).contains("QC");
        assertThat(Regions.code("CA", "California")).isEmpty();
        assertThat(Regions.code("GB", "England")).isEmpty();
        assertThat(Regions.code("US", " new  york ")).contains("NY");
        assertThat(Regions.code("US", "Texas")).contains("TX");
        assertThat(Regions.code("US", "Atlantis")).isEmpty();
    }

    @Test
    void knowsOnlyTheRegionsOfTheUsAndCanada() {
        assertThat(Regions.searchable("US")).isTrue();
        assertThat(Regions.searchable("CA")).isTrue();
        assertThat(Regions.searchable("GB")).isFalse();
    }
}
