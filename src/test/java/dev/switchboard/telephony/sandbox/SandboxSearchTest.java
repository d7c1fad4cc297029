package dev.switchboard.telephony.sandbox;

import static dev.switchboard.telephony.SearchDraft.search;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.Capability;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.SearchDraft;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The best-effort ladder, on hand-picked numbers so that each rung can be reached on purpose: the drawn inventory
 * almost always has an exact match for a real city.
 */
class SandboxSearchTest {

    private static final SandboxCatalogue CATALOGUE = SandboxCatalogue.load();
    private static final Capabilities VOICE = new Capabilities(true, false, false, false);
    private static final Capabilities VOICE_FAX = new Capabilities(true, false, false, true);

    private static final SandboxNumber AUSTIN = number("5122220001", "Austin", VOICE_FAX);
    private static final SandboxNumber ROUND_ROCK = number("5122230001", "Round Rock", VOICE);
    private static final SandboxNumber ROUND_ROCK_FAX = number("5122230002", "Round Rock", VOICE_FAX);
    private static final SandboxNumber HOUSTON = number("7132220001", "Houston", VOICE_FAX);
    private static final SandboxNumber PORTLAND_OR = number("5032220001", "Portland", VOICE_FAX);
    private static final SandboxNumber TOLL_FREE = number("8002220001", null, VOICE_FAX);

    @Test
    void exactMatchesAreNotMarkedEvenWhenBestEffortIsAsked() {
        AvailableNumbersPage page = run(search().locality("Austin").bestEffort(), AUSTIN, HOUSTON);
        assertThat(page.numbers()).extracting(AvailableNumber::phoneNumber).containsExactly("+15122220001");
        assertThat(page.numbers()).noneMatch(AvailableNumber::bestEffortMatch);
    }

    @Test
    void withoutBestEffortNothingNearIsOffered() {
        AvailableNumbersPage page = run(search().locality("Round Rock").capabilities(Capability.FAX), ROUND_ROCK,
                AUSTIN, HOUSTON);
        assertThat(page.numbers()).isEmpty();
        assertThat(page.providerTotal()).isZero();
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void relaxesDigitsOneAtATimeAndOffersOnlyTheNearest() {
        SandboxNumber near1 = number("5122221234", "Austin", VOICE);
        SandboxNumber near2 = number("5122225234", "Austin", VOICE);
        SandboxNumber far = number("5122220000", "Austin", VOICE);
        AvailableNumbersPage page = run(search().endsWith("9234").bestEffort(), far, near1, near2);
        assertThat(phoneNumbers(page)).containsExactly("+15122221234", "+15122225234");
        assertThat(page.providerTotal()).isEqualTo(2);
        assertThat(page.numbers()).allMatch(AvailableNumber::bestEffortMatch);
    }

    @Test
    void relaxesTheDigitsBeforeLeavingTheRequestedCity() {
        SandboxNumber roundRockEndingRight = number("5122239999", "Round Rock", VOICE);
        AvailableNumbersPage page = run(search().locality("Austin").endsWith("9999").bestEffort(), AUSTIN,
                roundRockEndingRight);
        assertThat(phoneNumbers(page)).containsExactly("+15122220001");
        assertThat(page.numbers()).allMatch(AvailableNumber::bestEffortMatch);
    }

    @Test
    void dropsAPostalCodeThatDoesNotFitTheCityBeforeWideningTheCity() {
        AvailableNumbersPage page = run(search().locality("Austin").postalCode("78664").bestEffort(), ROUND_ROCK,
                AUSTIN);
        assertThat(phoneNumbers(page)).containsExactly("+15122220001");
        assertThat(page.numbers()).allMatch(AvailableNumber::bestEffortMatch);
    }

    @Test
    void widensAnUnknownPostalCodeToItsPostalArea() {
        // 78702 is an Austin ZIP the catalogue does not list; Round Rock's 78664 is in another ZIP3
        AvailableNumbersPage page = run(search().postalCode("78702").bestEffort(), ROUND_ROCK, AUSTIN);
        assertThat(phoneNumbers(page)).containsExactly("+15122220001");
        assertThat(page.numbers()).allMatch(AvailableNumber::bestEffortMatch);
    }

    @Test
    void widensACityToItsAreaCodesThenItsRegionButNeverFurther() {
        var roundRockFax = search().locality("Round Rock").capabilities(Capability.FAX).bestEffort();
        assertThat(phoneNumbers(run(roundRockFax, ROUND_ROCK, HOUSTON, AUSTIN, PORTLAND_OR)))
                .containsExactly("+15122220001");
        assertThat(phoneNumbers(run(roundRockFax, ROUND_ROCK, HOUSTON, PORTLAND_OR)))
                .containsExactly("+17132220001");
        assertThat(phoneNumbers(run(roundRockFax, ROUND_ROCK, PORTLAND_OR))).isEmpty();
    }

    @Test
    void widensAnUnknownCityOnlyToTheAreaCodeOrRegionAskedFor() {
        assertThat(phoneNumbers(run(search().locality("Pflugerville").bestEffort(), AUSTIN, HOUSTON))).isEmpty();
        assertThat(phoneNumbers(run(search().locality("Pflugerville").region("TX").bestEffort(), AUSTIN, HOUSTON,
                PORTLAND_OR))).containsExactly("+15122220001", "+17132220001");
        assertThat(phoneNumbers(run(search().locality("Pflugerville").areaCode("512").bestEffort(), AUSTIN, HOUSTON)))
                .containsExactly("+15122220001");
    }

    @Test
    void neverLeavesTheAreaCodeOrRegionAskedFor() {
        assertThat(phoneNumbers(run(search().locality("Houston").areaCode("512").capabilities(Capability.FAX)
                .bestEffort(), ROUND_ROCK, HOUSTON))).isEmpty();
        assertThat(phoneNumbers(run(search().locality("Portland").region("OR").bestEffort(), AUSTIN))).isEmpty();
    }

    @Test
    void neverDropsACapabilityOrTheAddressExclusion() {
        assertThat(phoneNumbers(run(search().areaCode("512").capabilities(Capability.FAX).bestEffort(), ROUND_ROCK)))
                .isEmpty();
        SandboxNumber needsAddress = new SandboxNumber("5122230003", ROUND_ROCK.rateCenter(), VOICE, "local", null);
        assertThat(phoneNumbers(run(search().areaCode("512").excludeAddressRequired().bestEffort(), needsAddress)))
                .isEmpty();
    }

    @Test
    void placeFiltersOnTollFreeNumbersMatchNothingExactlyAndAnyTollFreeNumberAtBestEffort() {
        var tollFreeInAustin = search().type(NumberType.TOLL_FREE).locality("Austin");
        assertThat(phoneNumbers(run(tollFreeInAustin, TOLL_FREE, AUSTIN))).isEmpty();
        AvailableNumbersPage page = run(tollFreeInAustin.bestEffort(), TOLL_FREE, AUSTIN);
        assertThat(phoneNumbers(page)).containsExactly("+18002220001");
        assertThat(page.numbers()).allMatch(AvailableNumber::bestEffortMatch);
    }

    @Test
    void countsEveryMatchOnTheRungItStopsAtAndPagesThem() {
        var nearestToAustinFax = search().locality("Round Rock").capabilities(Capability.FAX).bestEffort().limit(1);
        AvailableNumbersPage page = run(nearestToAustinFax, ROUND_ROCK, AUSTIN, number("5122220002", "Austin",
                VOICE_FAX), HOUSTON);
        assertThat(phoneNumbers(page)).containsExactly("+15122220001");
        assertThat(page.providerTotal()).isEqualTo(2);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void anExactMatchOnALaterCityIsPreferredToRelaxingTheCity() {
        AvailableNumbersPage page = run(search().locality("Round Rock").capabilities(Capability.FAX).bestEffort(),
                AUSTIN, ROUND_ROCK, ROUND_ROCK_FAX);
        assertThat(phoneNumbers(page)).containsExactly("+15122230002");
        assertThat(page.numbers()).noneMatch(AvailableNumber::bestEffortMatch);
    }

    private static AvailableNumbersPage run(SearchDraft search, SandboxNumber... numbers) {
        return SandboxSearch.of(CATALOGUE, search.build()).page(List.of(numbers));
    }

    private static List<String> phoneNumbers(AvailableNumbersPage page) {
        return page.numbers().stream().map(AvailableNumber::phoneNumber).toList();
    }

    private static SandboxNumber number(String national, @Nullable String locality, Capabilities capabilities) {
        var rateCenters = CATALOGUE.withAreaCode(national.substring(0, 3));
        if (locality != null) {
            rateCenters.and(CATALOGUE.inLocality(locality));
        }
        RateCenter rc = CATALOGUE.rateCenter(rateCenters.nextSetBit(0));
        return new SandboxNumber(national, rc, capabilities, "none", null);
    }
}
