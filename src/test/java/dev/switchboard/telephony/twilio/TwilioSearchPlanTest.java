package dev.switchboard.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telephony.CallingCodes;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.SearchDraft;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The choice of Twilio's one {@code Contains} pattern, and the calling codes it rests on. */
class TwilioSearchPlanTest {

    @Test
    void cutsALongStartsWithToTheSixteenCharactersTwilioAcceptsAndLeavesTheRestToTheAdapter() {
        var pattern = ContainsPattern.choose("44", new ContainsPattern.Prefix("2079460000123", "starts_with", 0),
                null, null).orElseThrow();

        assertThat(pattern.value()).isEqualTo("+442079460000123").hasSize(ContainsPattern.MAX_LENGTH);
        assertThat(pattern.complete()).isTrue();
        assertThat(ContainsPattern.choose("44", new ContainsPattern.Prefix("20794600001234", "starts_with", 0),
                null, null).orElseThrow().complete()).isFalse();
    }

    @Test
    void neverSendsAPatternWithFewerThanTwoDigits() {
        assertThat(ContainsPattern.choose("1", null, "5", "7")).isEmpty();
    }

    @Test
    void doesNotRepeatAnAreaCodeTwilioAlreadyFiltersBy() {
        assertThat(ContainsPattern.choose("1", new ContainsPattern.Prefix("415", "starts_with", 3), null, null))
                .isEmpty();
        assertThat(ContainsPattern.choose("1", new ContainsPattern.Prefix("415555", "starts_with", 3), "12", null))
                .hasValueSatisfying(pattern -> assertThat(pattern.value()).isEqualTo("+1415555"));
    }

    @Test
    void prefersTheAnchoredPatternOnATie() {
        assertThat(ContainsPattern.choose("1", null, "1234", "5678"))
                .hasValueSatisfying(pattern -> assertThat(pattern.value()).isEqualTo("5678$"));
    }

    @Test
    void anOwnedSearchAnchorsTwiliosPhoneNumberFilterOnTheCountryCode() {
        var plan = TwilioSearchPlan.owned(SearchDraft.owned().country("GB").areaCode("20").build());

        assertThat(plan.query()).containsEntry("PhoneNumber", "+4420");
        assertThat(plan.filterByParameter()).containsEntry("PhoneNumber", "area_code");
        assertThat(plan.resource()).isEqualTo(List.of("IncomingPhoneNumbers", "Local.json"));
    }

    @Test
    void bestEffortRelaxesDigitsFirstThenPlaceKeepingRegionAndAreaCode() {
        var search = SearchDraft.search().areaCode("415").region("CA").locality("San Francisco")
                .postalCode("94105").contains("2255").bestEffort().build();

        var relaxed = TwilioSearchPlan.relaxations(search, true);

        assertThat(relaxed).hasSize(2);
        assertThat(relaxed.get(0).contains()).isNull();
        assertThat(relaxed.get(0).locality()).isEqualTo("San Francisco");
        assertThat(relaxed.get(1).locality()).isNull();
        assertThat(relaxed.get(1).postalCode()).isNull();
        assertThat(relaxed).allSatisfy(looser -> {
            assertThat(looser.region()).isEqualTo("CA");
            assertThat(looser.areaCode()).isEqualTo("415");
            assertThat(looser.type()).isEqualTo(NumberType.LOCAL);
        });
    }

    @Test
    void knowsCallingCodesAndTellsTheNorthAmericanCountriesApart() {
        assertThat(CallingCodes.of("GB")).contains("44");
        assertThat(CallingCodes.of("US")).contains("1");
        assertThat(CallingCodes.nationalNumber("+442079460321", "44")).isEqualTo("2079460321");
        assertThat(CallingCodes.belongsTo("+14165550123", "CA")).isTrue();
        assertThat(CallingCodes.belongsTo("+14165550123", "US")).isFalse();
        assertThat(CallingCodes.belongsTo("+18765550123", "JM")).isTrue();
        assertThat(CallingCodes.belongsTo("+18005550123", "US")).isTrue();
        assertThat(CallingCodes.belongsTo("+442079460321", "US")).isFalse();
    }

    @Test
    void aRegionNameGoesToTwilioAndIsCheckedAsItsTwoLetterCode() {
        var plan = TwilioSearchPlan.inventory(SearchDraft.search().country("US").region("Texas").build());

        assertThat(plan.query()).containsEntry("InRegion", "TX");
        assertThat(plan.filterByParameter()).containsEntry("InRegion", "region");
        assertThat(plan.check().region()).isEqualTo("TX");
        assertThat(TwilioSearchPlan.inventory(SearchDraft.search().country("CA").region("québec").build()).query())
                .containsEntry("InRegion", "QC");
        assertThat(TwilioSearchPlan.inventory(SearchDraft.search().country("US").region("tx").build()).query())
                .containsEntry("InRegion", "TX");
    }
}
