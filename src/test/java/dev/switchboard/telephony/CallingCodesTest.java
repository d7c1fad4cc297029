package dev.switchboard.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallingCodesTest {

    @Test
    void tellsTheCountriesSharingPlusOneApartByAreaCode() {
        assertThat(CallingCodes.countriesOf("+14155550123")).containsExactly("US");
        assertThat(CallingCodes.countriesOf("14165550188")).containsExactly("CA");
        assertThat(CallingCodes.countriesOf("+18765550100")).containsExactly("JM");
        assertThat(CallingCodes.countriesOf("+18005550199")).containsExactly("US");
    }

    @Test
    void listsEveryCountryOfASharedCodeItsMainCountryFirst() {
        assertThat(CallingCodes.countriesOf("+447700900123")).startsWith("GB").contains("GG", "IM", "JE");
        assertThat(CallingCodes.countriesOf("+4930123456")).containsExactly("DE");
        assertThat(CallingCodes.countriesOf("+35312345678")).containsExactly("IE");
    }

    @Test
    void knowsNoCountryOfAnUnassignedCode() {
        assertThat(CallingCodes.countriesOf("+99912345678")).isEmpty();
    }

    @Test
    void givesTheCallingCodeOfACountry() {
        assertThat(CallingCodes.of("GB")).contains("44");
        assertThat(CallingCodes.of("ZZ")).isEmpty();
    }
}
