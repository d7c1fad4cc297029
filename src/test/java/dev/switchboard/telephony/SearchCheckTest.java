package dev.switchboard.telephony;

import static dev.switchboard.telephony.SearchDraft.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SearchCheckTest {

    @Test
    void everyProviderNamesTheSameFilterWhenTheCallingCodeIsUnknown() {
        // BV (Bouvet Island) has no calling code in Switchboard's table; ends_with alone would still work
        AvailableNumberSearch search = search().country("BV").type(NumberType.MOBILE).contains("55")
                .startsWith("44").build();
        for (TelephonyProviderName provider : TelephonyProviderName.values()) {
            assertThatThrownBy(() -> SearchCheck.of(provider, search))
                    .isInstanceOfSatisfying(UnsupportedSearch.class, refused -> {
                        assertThat(refused.provider()).isEqualTo(provider);
                        assertThat(refused.filter()).isEqualTo("starts_with");
                        assertThat(refused.getMessage()).contains("calling code of country BV");
                    });
        }
        assertThat(SearchCheck.of(TelephonyProviderName.TWILIO,
                search().country("BV").type(NumberType.MOBILE).endsWith("1234").build()).callingCode()).isNull();
    }

    @Test
    void digitFiltersMatchTheNationalNumberAndEndsWithTheWholeNumber() {
        SearchCheck check = SearchCheck.of(TelephonyProviderName.VONAGE,
                search().country("GB").type(NumberType.MOBILE).startsWith("7700").contains("900").endsWith("23")
                        .build());
        assertThat(check.accepts(number("+447700900123", "GB", NumberType.MOBILE))).isTrue();
        assertThat(check.accepts(number("+447700800123", "GB", NumberType.MOBILE))).isFalse(); // contains
        assertThat(check.accepts(number("+447800900123", "GB", NumberType.MOBILE))).isFalse(); // starts_with
        assertThat(check.accepts(number("+447700900124", "GB", NumberType.MOBILE))).isFalse(); // ends_with
        assertThat(check.accepts(number("+447700900123", "IE", NumberType.MOBILE))).isFalse(); // country
    }

    @Test
    void aNanpMobileNumberIsALocalOneAndANearMatchKeepsOnlyCountryTypeAndCapabilities() {
        SearchCheck check = SearchCheck.of(TelephonyProviderName.TELNYX,
                search().areaCode("415").contains("555").capabilities(Capability.SMS).build());
        AvailableNumber mobileElsewhere = number("+12125550123", "US", NumberType.MOBILE);
        assertThat(check.accepts(mobileElsewhere)).isFalse();
        assertThat(check.acceptsNearMatch(mobileElsewhere)).isTrue();
        assertThat(check.acceptsNearMatch(number("+12125550123", "US", NumberType.TOLL_FREE))).isFalse();
        assertThat(check.withoutType().acceptsNearMatch(number("+12125550123", "US", NumberType.TOLL_FREE)))
                .isTrue();
    }

    @Test
    void aPlaceIsCheckedOnlyWhereTheProviderReportsIt() {
        SearchCheck check = SearchCheck.of(TelephonyProviderName.TWILIO,
                search().locality("Austin").postalCode("78701").build()).withRegion("TX");
        assertThat(check.accepts(placed("TX", "Austin", "78701"))).isTrue();
        assertThat(check.accepts(placed(null, null, null))).isTrue();
        assertThat(check.accepts(placed("CA", "Austin", "78701"))).isFalse();
        assertThat(check.accepts(placed("TX", "Dallas", null))).isFalse();
        assertThat(check.accepts(placed("TX", "Austin", "75001"))).isFalse();
    }

    @Test
    void aProviderThatCannotSayWhereANumberIsRefusesTheFirstPlaceFilter() {
        assertThatThrownBy(() -> SearchCheck.refusePlace(TelephonyProviderName.TELNYX,
                search().locality("Austin").postalCode("78701").build(), "no place"))
                .isInstanceOfSatisfying(UnsupportedSearch.class,
                        refused -> assertThat(refused.filter()).isEqualTo("locality"));
    }

    private static AvailableNumber number(String e164, String country, NumberType type) {
        return new AvailableNumber(e164, country, type, null, null, null, new Capabilities(true, true, false, false),
                "none", null, false, null);
    }

    private static AvailableNumber placed(String region, String locality, String postalCode) {
        return new AvailableNumber("+15125550123", "US", NumberType.LOCAL, region, locality, postalCode,
                new Capabilities(true, true, false, false), "none", null, false, null);
    }
}
