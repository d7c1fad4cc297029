package dev.switchboard.telephony.sandbox;

import java.time.Duration;
import dev.switchboard.telephony.Deadline;
import static dev.switchboard.telephony.SearchDraft.keypad;
import static dev.switchboard.telephony.SearchDraft.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.Capability;
import dev.switchboard.telephony.Money;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.SearchDraft;
import dev.switchboard.telephony.TelephonyProviderName;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SandboxTelephonyProviderTest {

    /** The deadline of each call: the sandbox answers from memory and its database, well within it. */
    static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(10));
    }


    private static final long SEED = 42L;
    /** Shared: drawing the inventory is the expensive part, and the provider is immutable for searches. */
    private static final SandboxTelephonyProvider SANDBOX = new SandboxTelephonyProvider(SEED, SandboxDatabase.h2());
    private static final SandboxCatalogue CATALOGUE = SandboxCatalogue.load();
    /** An oracle drawn independently with the same seed, to count matches the slow, obvious way. */
    private static final SandboxInventory INVENTORY = new SandboxInventory(CATALOGUE, new NumberingPlan(CATALOGUE, SEED));

    private static final ProviderAccount ACCOUNT = account("7d7c2b1e-3c1a-4f0e-9a51-0c5b8f6f2d11");
    private static final ProviderAccount OTHER_ACCOUNT = account("a1f4e0b2-8d3c-4b7a-b6e5-2f9c1d0e3a44");

    // --- every filter, alone and combined, against the obvious count ---

    static Stream<Arguments> exactSearches() {
        return Stream.of(
                Arguments.of("defaults", search()),
                Arguments.of("country CA", search().country("CA")),
                Arguments.of("toll-free", search().type(NumberType.TOLL_FREE)),
                Arguments.of("toll-free in Canada", search().country("CA").type(NumberType.TOLL_FREE)),
                Arguments.of("area code", search().areaCode("415")),
                Arguments.of("toll-free prefix", search().type(NumberType.TOLL_FREE).areaCode("888")),
                Arguments.of("contains", search().contains("42")),
                Arguments.of("starts with", search().startsWith("2125")),
                Arguments.of("ends with", search().endsWith("00")),
                Arguments.of("region", search().region("TX")),
                Arguments.of("Canadian region", search().country("CA").region("QC")),
                Arguments.of("locality", search().locality("Chicago")),
                Arguments.of("postal code", search().postalCode("98101")),
                Arguments.of("Canadian postal code", search().country("CA").postalCode("V6B 1A1")),
                Arguments.of("one capability", search().capabilities(Capability.FAX)),
                Arguments.of("all capabilities", search().capabilities(Capability.VOICE, Capability.SMS,
                        Capability.MMS, Capability.FAX)),
                Arguments.of("no address required", search().excludeAddressRequired()),
                Arguments.of("small limit", search().areaCode("212").limit(3)),
                Arguments.of("largest limit", search().region("CA").limit(100)),
                Arguments.of("combined", search().region("TX").areaCode("512").locality("Austin")
                        .postalCode("78701").capabilities(Capability.SMS, Capability.MMS).excludeAddressRequired()
                        .contains("2").limit(5)),
                Arguments.of("combined digits", search().areaCode("617").startsWith("6172").endsWith("7")
                        .contains("1")),
                Arguments.of("contradictory", search().areaCode("212").region("CA")),
                Arguments.of("no such area code", search().areaCode("999")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exactSearches")
    void returnsTheFirstExactMatchesInStableOrderWithTheirExactCount(String name, SearchDraft draft) {
        AvailableNumberSearch search = draft.build();
        List<SandboxNumber> expected = INVENTORY.onSale().stream().filter(n -> matchesObviously(n, search)).toList();

        AvailableNumbersPage page = SANDBOX.searchInventory(ACCOUNT, search, deadline());

        assertThat(phoneNumbers(page)).containsExactlyElementsOf(
                expected.stream().limit(search.limit()).map(SandboxNumber::e164).toList());
        assertThat(page.providerTotal()).isEqualTo(expected.size());
        assertThat(page.hasMore()).isEqualTo(expected.size() > search.limit());
        assertThat(page.numbers()).noneMatch(AvailableNumber::bestEffortMatch);
    }

    @Test
    void anAreaCodeSearchReturnsOnlyThatAreaCodesNumbersAndCountsThemAll() {
        AvailableNumbersPage page = SANDBOX.searchInventory(ACCOUNT, search().areaCode("415").limit(100).build(),
                deadline());
        assertThat(page.numbers()).hasSize(100).allSatisfy(n -> {
            assertThat(n.phoneNumber()).startsWith("+1415");
            assertThat(n.region()).isEqualTo("CA");
            assertThat(n.locality()).isIn("San Francisco", "San Rafael");
        });
        assertThat(page.providerTotal()).isEqualTo(SandboxInventory.NUMBERS_PER_AREA_CODE);
        assertThat(page.hasMore()).isTrue();
    }

    @Test
    void theDefaultSearchOffersUsLocalNumbersPricedInDollars() {
        AvailableNumbersPage page = SANDBOX.searchInventory(ACCOUNT, AvailableNumberSearch.defaults(), deadline());
        assertThat(page.numbers()).hasSize(AvailableNumberSearch.DEFAULT_LIMIT).allSatisfy(n -> {
            assertThat(n.country()).isEqualTo("US");
            assertThat(n.type()).isEqualTo(NumberType.LOCAL);
            assertThat(n.phoneNumber()).matches("\\+1[2-9]\\d{2}[2-9]\\d{6}");
            assertThat(n.region()).isNotNull();
            assertThat(n.locality()).isNotNull();
            assertThat(n.postalCode()).matches("\\d{5}");
            assertThat(n.monthlyPrice()).isEqualTo(new Money("1.15", "USD"));
            assertThat(n.providerNumberId()).isNull();
        });
    }

    @Test
    void canadianNumbersArePricedInCanadianDollars() {
        AvailableNumbersPage page = SANDBOX.searchInventory(ACCOUNT, search().country("CA").build(), deadline());
        assertThat(page.numbers()).isNotEmpty().allSatisfy(n -> {
            assertThat(n.country()).isEqualTo("CA");
            assertThat(n.monthlyPrice().currency()).isEqualTo("CAD");
        });
    }

    @Test
    void tollFreeNumbersHaveATollFreePrefixAndNoPlace() {
        AvailableNumbersPage page = SANDBOX.searchInventory(ACCOUNT, search().type(NumberType.TOLL_FREE).build(),
                deadline());
        assertThat(page.numbers()).isNotEmpty().allSatisfy(n -> {
            assertThat(n.phoneNumber()).matches("\\+18(00|33|44|55|66|77|88)[2-9]\\d{6}");
            assertThat(n.type()).isEqualTo(NumberType.TOLL_FREE);
            assertThat(n.region()).isNull();
            assertThat(n.locality()).isNull();
            assertThat(n.monthlyPrice()).isEqualTo(new Money("2.15", "USD"));
        });
    }

    @Test
    void areaCodesMapToTheirRealRegionAndCities() {
        assertPlace("212", "NY", "New York");
        assertPlace("312", "IL", "Chicago");
        assertPlace("206", "WA", "Seattle");
        assertPlace("617", "MA", "Boston", "Cambridge");
        assertPlace("512", "TX", "Austin", "Round Rock");
        assertPlace("416", "ON", "Toronto");
        assertPlace("604", "BC", "Vancouver", "Burnaby");
        assertPlace("514", "QC", "Montréal");
    }

    @Test
    void aLocalAreaCodeIsNotATollFreePrefixAndViceVersa() {
        assertThat(SANDBOX.searchInventory(ACCOUNT, search().areaCode("800").build(), deadline()).numbers()).isEmpty();
        assertThat(SANDBOX.searchInventory(ACCOUNT, search().type(NumberType.TOLL_FREE).areaCode("415").build(),
                deadline())
                .numbers()).isEmpty();
    }

    @Test
    void startsWithAppliesToTheNationalNumberWithoutTheCountryCode() {
        assertThat(SANDBOX.searchInventory(ACCOUNT, search().startsWith("1").build(), deadline()).numbers()).isEmpty();
        assertThat(SANDBOX.searchInventory(ACCOUNT, search().startsWith("212").build(), deadline()).numbers())
                .isNotEmpty().allSatisfy(n -> assertThat(n.phoneNumber()).startsWith("+1212"));
    }

    @Test
    void findsNumbersSpellingAVanityWord() {
        AvailableNumbersPage page = SANDBOX.searchInventory(ACCOUNT, search().contains(keypad("CALL")).build(),
                deadline());
        assertThat(page.numbers()).isNotEmpty()
                .allSatisfy(n -> assertThat(n.phoneNumber().substring(2)).contains("2255"));
        AvailableNumbersPage endingInCash = SANDBOX.searchInventory(ACCOUNT,
                search().type(NumberType.TOLL_FREE).endsWith(keypad("CASH")).build(), deadline());
        assertThat(endingInCash.numbers()).allSatisfy(n -> assertThat(n.phoneNumber()).endsWith("2274"));
    }

    @Test
    void matchesPlacesByNameIgnoringCaseAndAccents() {
        assertThat(phoneNumbers(SANDBOX.searchInventory(ACCOUNT, search().region("texas").build(), deadline())))
                .isEqualTo(phoneNumbers(SANDBOX.searchInventory(ACCOUNT, search().region("TX").build(), deadline())));
        assertThat(phoneNumbers(SANDBOX.searchInventory(ACCOUNT, search().locality("AUSTIN").build(), deadline())))
                .isEqualTo(phoneNumbers(SANDBOX.searchInventory(ACCOUNT, search().locality("Austin").build(),
                        deadline())));
        assertThat(SANDBOX.searchInventory(ACCOUNT, search().country("CA").locality("montreal").build(),
                deadline()).numbers())
                .isNotEmpty().allSatisfy(n -> assertThat(n.locality()).isEqualTo("Montréal"));
        assertThat(SANDBOX.searchInventory(ACCOUNT, search().country("CA").postalCode("m5h2n2").build(),
                deadline()).numbers())
                .isNotEmpty().allSatisfy(n -> assertThat(n.phoneNumber()).matches("\\+1(416|647)\\d{7}"));
    }

    @Test
    void everyListedCapabilityMustBePresent() {
        AvailableNumbersPage page = SANDBOX.searchInventory(ACCOUNT,
                search().capabilities(Capability.SMS, Capability.FAX).limit(100).build(), deadline());
        assertThat(page.numbers()).hasSize(100)
                .allSatisfy(n -> assertThat(n.capabilities().sms() && n.capabilities().fax()).isTrue());
        long all = SANDBOX.searchInventory(ACCOUNT, search().build(), deadline()).providerTotal();
        assertThat(page.providerTotal()).isPositive().isLessThan(all / 5);
    }

    @Test
    void excludingAddressRequirementsLeavesOutEveryNumberThatNeedsOne() {
        AvailableNumbersPage all = SANDBOX.searchInventory(ACCOUNT, search().country("CA").limit(100).build(),
                deadline());
        AvailableNumbersPage without = SANDBOX.searchInventory(ACCOUNT,
                search().country("CA").excludeAddressRequired().limit(100).build(), deadline());
        assertThat(all.numbers()).anyMatch(AvailableNumber::addressRequired);
        assertThat(without.numbers()).hasSize(100).noneMatch(AvailableNumber::addressRequired);
        assertThat(without.providerTotal()).isLessThan(all.providerTotal());
    }

    @Test
    void aLimitCutsThePageButNotTheTotal() {
        AvailableNumbersPage five = SANDBOX.searchInventory(ACCOUNT, search().areaCode("312").limit(5).build(),
                deadline());
        AvailableNumbersPage hundred = SANDBOX.searchInventory(ACCOUNT, search().areaCode("312").limit(100).build(),
                deadline());
        assertThat(five.numbers()).hasSize(5);
        assertThat(five.providerTotal()).isEqualTo(hundred.providerTotal()).isEqualTo(300L);
        assertThat(five.hasMore()).isTrue();
        assertThat(hundred.numbers().subList(0, 5)).isEqualTo(five.numbers());
    }

    @Test
    void aPageHoldingEveryMatchHasNoMore() {
        AvailableNumberSearch few = search().areaCode("312").endsWith("7").limit(100).build();
        AvailableNumbersPage page = SANDBOX.searchInventory(ACCOUNT, few, deadline());
        assertThat(page.providerTotal()).isBetween(1L, 100L);
        assertThat(page.numbers()).hasSize(page.providerTotal().intValue());
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void nothingMatchingIsAnEmptyPageNotAFault() {
        AvailableNumbersPage page = SANDBOX.searchInventory(ACCOUNT, search().areaCode("999").build(), deadline());
        assertThat(page.numbers()).isEmpty();
        assertThat(page.providerTotal()).isZero();
        assertThat(page.hasMore()).isFalse();
    }

    // --- best effort on the drawn inventory ---

    @Test
    void bestEffortOffersNumbersWithTheLongestMatchingEndingMarkedAsSuch() {
        SandboxNumber someone = firstIn("415");
        String last4 = someone.nationalNumber().substring(6);
        String endsWith = unmatchedEnding(last4);

        AvailableNumbersPage exact = SANDBOX.searchInventory(ACCOUNT, search().areaCode("415").endsWith(endsWith)
                .build(), deadline());
        AvailableNumbersPage near = SANDBOX.searchInventory(ACCOUNT, search().areaCode("415").endsWith(endsWith)
                .bestEffort().limit(100).build(), deadline());

        assertThat(exact.numbers()).isEmpty();
        assertThat(near.numbers()).isNotEmpty().allSatisfy(n -> {
            assertThat(n.phoneNumber()).startsWith("+1415").endsWith(last4);
            assertThat(n.bestEffortMatch()).isTrue();
        });
        assertThat(phoneNumbers(near)).contains(someone.e164());
        assertThat(near.providerTotal()).isEqualTo(near.numbers().size());
    }

    @Test
    void bestEffortFindsTheNearestToALongVanityWord() {
        AvailableNumberSearch flowers = search().areaCode("212").contains(keypad("FLOWERS")).bestEffort().build();
        AvailableNumbersPage page = SANDBOX.searchInventory(ACCOUNT, flowers, deadline());
        assertThat(page.numbers()).isNotEmpty().allMatch(AvailableNumber::bestEffortMatch)
                .allSatisfy(n -> assertThat(n.phoneNumber()).startsWith("+1212"));
        assertThat(SANDBOX.searchInventory(ACCOUNT, search().areaCode("212").contains(keypad("FLOWERS")).build(),
                deadline())
                .numbers()).isEmpty();
    }

    @Test
    void bestEffortMarksNothingWhenTheSearchMatchesExactly() {
        AvailableNumberSearch plain = search().areaCode("206").build();
        AvailableNumbersPage withBestEffort = SANDBOX.searchInventory(ACCOUNT, search().areaCode("206").bestEffort()
                .build(), deadline());
        assertThat(withBestEffort).isEqualTo(SANDBOX.searchInventory(ACCOUNT, plain, deadline()));
    }

    // --- determinism ---

    @Test
    void theSameSeedOffersTheSameNumbersInTheSameOrderOnEveryRun() {
        SandboxTelephonyProvider again = new SandboxTelephonyProvider(SEED, SandboxDatabase.h2());
        for (AvailableNumberSearch search : List.of(search().limit(100).build(), search().region("CA").build(),
                search().type(NumberType.TOLL_FREE).build(), search().contains("2255").bestEffort().build())) {
            assertThat(again.searchInventory(ACCOUNT, search, deadline())).isEqualTo(SANDBOX.searchInventory(ACCOUNT,
                    search, deadline()));
            assertThat(again.searchOwned(ACCOUNT, search, deadline())).isEqualTo(SANDBOX.searchOwned(ACCOUNT, search,
                    deadline()));
        }
    }

    @Test
    void anotherSeedOffersOtherNumbers() {
        SandboxTelephonyProvider other = new SandboxTelephonyProvider(SEED + 1, SandboxDatabase.h2());
        AvailableNumberSearch search = search().areaCode("415").limit(100).build();
        assertThat(phoneNumbers(other.searchInventory(ACCOUNT, search, deadline())))
                .doesNotContainAnyElementsOf(phoneNumbers(SANDBOX.searchInventory(ACCOUNT, search, deadline())));
    }

    // --- numbers the account owns ---

    @Test
    void anAccountOwnsThreeUsLocalOneCanadianLocalAndOneTollFreeNumber() {
        assertThat(SANDBOX.searchOwned(ACCOUNT, search().build(), deadline()).numbers()).hasSize(3);
        assertThat(SANDBOX.searchOwned(ACCOUNT, search().country("CA").build(), deadline()).numbers()).hasSize(1);
        assertThat(SANDBOX.searchOwned(ACCOUNT, search().type(NumberType.TOLL_FREE).build(),
                deadline()).numbers()).hasSize(1);
        assertThat(SANDBOX.searchOwned(ACCOUNT, search().country("CA").type(NumberType.TOLL_FREE).build(), deadline())
                .numbers()).isEmpty();
    }

    @Test
    void ownedNumbersCarryTheSandboxsIdForThem() {
        assertThat(owned(ACCOUNT)).allSatisfy(n -> {
            assertThat(n.providerNumberId()).matches("SB[0-9a-f]{32}");
            assertThat(n.bestEffortMatch()).isFalse();
        });
        assertThat(owned(ACCOUNT)).extracting(AvailableNumber::providerNumberId).doesNotHaveDuplicates();
    }

    @Test
    void twoConnectionsOwnDifferentNumbers() {
        assertThat(phoneNumbers(owned(ACCOUNT))).doesNotContainAnyElementsOf(phoneNumbers(owned(OTHER_ACCOUNT)));
    }

    @Test
    void aConnectionOwnsTheSameNumbersOnEveryRun() {
        List<AvailableNumber> owned = owned(ACCOUNT);
        assertThat(owned).hasSize(5);
        assertThat(owned(new SandboxTelephonyProvider(SEED, SandboxDatabase.h2()), ACCOUNT)).isEqualTo(owned);
        assertThat(owned(ACCOUNT)).isEqualTo(owned);
    }

    @Test
    void ownedNumbersAreNotOnSale() {
        assertThat(owned(ACCOUNT)).allSatisfy(n -> {
            String national = n.phoneNumber().substring(2);
            AvailableNumberSearch exactly = search().country(n.country()).type(n.type()).startsWith(national).build();
            assertThat(SANDBOX.searchInventory(ACCOUNT, exactly, deadline()).numbers()).isEmpty();
        });
    }

    @Test
    void ownedNumbersAreFilteredLikeTheInventory() {
        AvailableNumber one = SANDBOX.searchOwned(ACCOUNT, search().build(), deadline()).numbers().getFirst();
        AvailableNumbersPage byPlace = SANDBOX.searchOwned(ACCOUNT, search().region(one.region())
                .locality(one.locality()).postalCode(one.postalCode()).endsWith(one.phoneNumber().substring(8))
                .build(), deadline());
        assertThat(byPlace.numbers()).containsExactly(one);
        assertThat(byPlace.providerTotal()).isEqualTo(1);
        AvailableNumbersPage limited = SANDBOX.searchOwned(ACCOUNT, search().limit(1).build(), deadline());
        assertThat(limited.numbers()).containsExactly(one);
        assertThat(limited.providerTotal()).isEqualTo(3);
        assertThat(limited.hasMore()).isTrue();
    }

    // --- what the sandbox refuses ---

    @Test
    void rejectsACountryOutsideNorthAmericaNamingTheFilter() {
        assertThatThrownBy(() -> SANDBOX.searchInventory(ACCOUNT, search().country("GB").build(), deadline()))
                .isInstanceOfSatisfying(ProviderFault.RejectedRequest.class, fault -> {
                    assertThat(fault.provider()).isEqualTo(TelephonyProviderName.SANDBOX);
                    assertThat(fault.filter()).isEqualTo("country");
                    assertThat(fault.getMessage()).contains("GB", "US", "CA");
                });
        assertThatThrownBy(() -> SANDBOX.searchOwned(ACCOUNT, search().country("DE").build(), deadline()))
                .isInstanceOfSatisfying(ProviderFault.RejectedRequest.class,
                        fault -> assertThat(fault.filter()).isEqualTo("country"));
    }

    @Test
    void rejectsMobileAndNationalNumbersNamingTheTypeFilter() {
        for (NumberType type : List.of(NumberType.MOBILE, NumberType.NATIONAL)) {
            assertThatThrownBy(() -> SANDBOX.searchInventory(ACCOUNT, search().type(type).build(), deadline()))
                    .isInstanceOfSatisfying(ProviderFault.RejectedRequest.class, fault -> {
                        assertThat(fault.provider()).isEqualTo(TelephonyProviderName.SANDBOX);
                        assertThat(fault.filter()).isEqualTo("type");
                        assertThat(fault.getMessage()).contains(type.wireName(), "local", "toll_free");
                    });
        }
    }

    @Test
    void refusesAnotherProvidersAccount() {
        ProviderAccount twilio = new ProviderAccount(UUID.randomUUID(),
                new ProviderCredentials.Twilio("AC00000000000000000000000000000000", "secret-token-1234"));
        assertThatThrownBy(() -> SANDBOX.searchInventory(twilio, search().build(), deadline()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }

    @Test
    void isTheSandboxProvider() {
        assertThat(SANDBOX.name()).isEqualTo(TelephonyProviderName.SANDBOX);
    }

    // --- helpers ---

    /** The filters written out the slow, obvious way, as the API describes them. */
    private static boolean matchesObviously(SandboxNumber n, AvailableNumberSearch s) {
        RateCenter rc = n.rateCenter();
        String national = n.nationalNumber();
        return rc.country().equals(s.country()) && rc.type() == s.type()
                && (s.areaCode() == null || national.substring(0, 3).equals(s.areaCode()))
                && (s.contains() == null || national.contains(s.contains()))
                && (s.startsWith() == null || national.startsWith(s.startsWith()))
                && (s.endsWith() == null || national.endsWith(s.endsWith()))
                && (s.region() == null || s.region().equals(rc.region()))
                && (s.locality() == null || s.locality().equals(rc.locality()))
                && (s.postalCode() == null || s.postalCode().equals(rc.postalCode()))
                && n.capabilities().hasAll(s.capabilities())
                && !(s.excludeAddressRequired() && !n.addressRequirements().equals("none"));
    }

    private static void assertPlace(String areaCode, String region, String... cities) {
        AvailableNumbersPage page = SANDBOX.searchInventory(ACCOUNT, search()
                .country(region.matches("ON|BC|QC") ? "CA" : "US").areaCode(areaCode).limit(100).build(), deadline());
        assertThat(page.numbers()).as(areaCode).hasSize(100).allSatisfy(n -> {
            assertThat(n.region()).isEqualTo(region);
            assertThat(n.locality()).isIn((Object[]) cities);
        });
        assertThat(page.numbers()).extracting(AvailableNumber::locality).as(areaCode).contains(cities[0]);
    }

    private static SandboxNumber firstIn(String areaCode) {
        return INVENTORY.onSale().stream().filter(n -> n.nationalNumber().startsWith(areaCode)).findFirst()
                .orElseThrow();
    }

    /** A five-digit ending no number of area code 415 has, whose last four digits are {@code last4}. */
    private static String unmatchedEnding(String last4) {
        for (char d = '0'; d <= '9'; d++) {
            String ending = d + last4;
            boolean taken = INVENTORY.onSale().stream()
                    .anyMatch(n -> n.nationalNumber().startsWith("415") && n.nationalNumber().endsWith(ending));
            if (!taken) {
                return ending;
            }
        }
        throw new IllegalStateException("every ending of " + last4 + " is taken in 415");
    }

    private static List<AvailableNumber> owned(ProviderAccount account) {
        return owned(SANDBOX, account);
    }

    /** Everything the account owns: three searches, since one search is of one country and type. */
    private static List<AvailableNumber> owned(SandboxTelephonyProvider sandbox, ProviderAccount account) {
        return Stream.of(search().build(), search().country("CA").build(), search().type(NumberType.TOLL_FREE).build())
                .flatMap(s -> sandbox.searchOwned(account, s, deadline()).numbers().stream())
                .toList();
    }

    private static List<String> phoneNumbers(AvailableNumbersPage page) {
        return phoneNumbers(page.numbers());
    }

    private static List<String> phoneNumbers(List<AvailableNumber> numbers) {
        return numbers.stream().map(AvailableNumber::phoneNumber).toList();
    }

    private static ProviderAccount account(String connectionId) {
        return new ProviderAccount(UUID.fromString(connectionId), new ProviderCredentials.Sandbox());
    }
}
