package dev.switchboard.telephony.twilio;

import dev.switchboard.telephony.Deadline;
import static dev.switchboard.telephony.SearchDraft.owned;
import static dev.switchboard.telephony.SearchDraft.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.Capability;
import dev.switchboard.telephony.EmulatedFault;
import dev.switchboard.telephony.NumberSource;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderSettings;
import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.SearchDraft;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.UnsupportedSearch;
import dev.switchboard.telephony.twilio.TwilioEmulator.Fault;
import dev.switchboard.telephony.twilio.TwilioEmulator.InventoryNumber;
import dev.switchboard.telephony.twilio.TwilioEmulator.OwnedNumber;
import dev.switchboard.telephony.twilio.TwilioEmulator.ReceivedRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Twilio adapter over real HTTP against {@link TwilioEmulator}, which speaks Twilio's wire format. */
class TwilioAdapterTest {

    static final String SID = TwilioEmulator.sidFor("AC", "switchboard test account");
    static final String TOKEN = "tw1l10-auth-token-0123456789abcdef";
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** The one deadline of a port call, as the resilience layer would give it. */
    static Deadline deadline() {
        return Deadline.after(TIMEOUT);
    }

    TwilioEmulator twilio;
    TwilioAdapter adapter;
    ProviderAccount account;

    @BeforeEach
    void startTwilio() {
        twilio = TwilioEmulator.start().registerAccount(SID, TOKEN);
        adapter = adapter(TIMEOUT, twilio.baseUrl(), Clock.systemUTC());
        account = account(SID, TOKEN);
    }

    @AfterEach
    void everyExchangeConformedToTwiliosDocument() {
        try {
            twilio.assertConformant();
        } finally {
            adapter.close();
            twilio.close();
        }
    }

    @Test
    void isTheTwilioProvider() {
        assertThat(adapter.name()).isEqualTo(TelephonyProviderName.TWILIO);
    }

    @Nested
    class NumbersOnSale {

        @Test
        void mapsTwiliosNumberReadingUpperCaseCapabilityKeys() {
            twilio.addInventory(InventoryNumber.of("+18089251571", "US", NumberType.LOCAL)
                    .in("HI", "Hilo", "96720").at("834", "HILO", "19.720000", "-155.090000")
                    .capabilities(true, false, true, false));

            AvailableNumbersPage page = adapter.searchInventory(account, search().build(), deadline());

            assertThat(page.numbers()).containsExactly(new AvailableNumber("+18089251571", "US", NumberType.LOCAL,
                    "HI", "Hilo", "96720", new Capabilities(true, false, true, false), "none", null, false, null));
            assertThat(page.providerTotal()).isNull();
            assertThat(page.hasMore()).isFalse();
            assertThat(onlyRequest().path())
                    .isEqualTo("/2010-04-01/Accounts/" + SID + "/AvailablePhoneNumbers/US/Local.json");
        }

        @Test
        void asksForOneMoreThanTheLimitToTellWhetherThereAreMore() {
            twilio.addInventory(local("+14155550101"), local("+14155550102"), local("+14155550103"),
                    local("+14155550104"));

            AvailableNumbersPage page = adapter.searchInventory(account, search().limit(3).build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550101", "+14155550102", "+14155550103");
            assertThat(page.hasMore()).isTrue();
            assertThat(onlyRequest().parameter("PageSize")).contains("4");
        }

        @Test
        void searchesEachNumberTypeOnItsOwnTwilioResource() {
            twilio.withSampleInventory().addInventory(
                    InventoryNumber.of("+443301234567", "GB", NumberType.NATIONAL).in(null, null, null));

            assertThat(phoneNumbers(adapter.searchInventory(account, search().type(NumberType.TOLL_FREE).build(),
                    deadline())))
                    .containsExactly("+18005550199", "+18885550142");
            assertThat(adapter.searchInventory(account, search().country("GB").type(NumberType.MOBILE).build(),
                    deadline())
                    .numbers()).singleElement().satisfies(number -> {
                        assertThat(number.type()).isEqualTo(NumberType.MOBILE);
                        assertThat(number.country()).isEqualTo("GB");
                        assertThat(number.addressRequirements()).isEqualTo("any");
                    });
            assertThat(phoneNumbers(adapter.searchInventory(account,
                    search().country("GB").type(NumberType.NATIONAL).build(),
                            deadline()))).containsExactly("+443301234567");
            assertThat(twilio.requests()).extracting(ReceivedRequest::path).map(p -> p.replaceFirst(".*/", ""))
                    .containsExactly("TollFree.json", "Mobile.json", "National.json");
        }

        @Test
        void sendsAnAreaCodeAsTwiliosAreaCodeInTheUsAndCanada() {
            twilio.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account, search().areaCode("415").build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550123", "+14155552255");
            assertThat(onlyRequest().parameter("AreaCode")).contains("415");
        }

        @Test
        void treatsAnAreaCodeElsewhereAsTheStartOfTheNationalNumber() {
            twilio.addInventory(gbLocal("+442079460001"), gbLocal("+441619460002"), gbLocal("+442089460003"));

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().country("GB").areaCode("20").build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+442079460001", "+442089460003");
            // Twilio applies AreaCode only in the US and Canada; elsewhere the adapter anchors Contains instead.
            assertThat(onlyRequest().query()).doesNotContainKey("AreaCode");
            assertThat(onlyRequest().parameter("Contains")).contains("+4420");
        }

        @Test
        void anchorsStartsWithOnTheCountryCode() {
            twilio.addInventory(local("+14155550123"), local("+16505550123"));

            AvailableNumbersPage page = adapter.searchInventory(account, search().startsWith("650555").build(),
                    deadline());

            assertThat(phoneNumbers(page)).containsExactly("+16505550123");
            assertThat(onlyRequest().parameter("Contains")).contains("+1650555");
            assertThat(onlyRequest().parameter("PageSize")).contains("21");
        }

        @Test
        void anchorsEndsWithOnTheEndOfTheNumber() {
            twilio.addInventory(local("+14155550123"), local("+14150123555"));

            AvailableNumbersPage page = adapter.searchInventory(account, search().endsWith("0123").build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550123");
            assertThat(onlyRequest().parameter("Contains")).contains("0123$");
        }

        @Test
        void checksContainsOnTheNationalNumberThoughTwilioMatchesTheWholeNumber() {
            // "14" is in +1 415... only through the country code, which is not part of the national number.
            twilio.addInventory(local("+14155550123"), local("+12125551400"));

            AvailableNumbersPage page = adapter.searchInventory(account, search().contains("14").build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+12125551400");
            assertThat(onlyRequest().parameter("Contains")).contains("14");
        }

        @Test
        void findsAVanityNumberByItsKeypadDigits() {
            // The search value arrives as digits: the API turned "CALL" into 2255 (Twilio would match "CALL" alike).
            twilio.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account, search().contains("2255").build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155552255");
        }

        @Test
        void putsTheNarrowestDigitFilterInContainsAndChecksTheOthersItself() {
            twilio.addInventory(
                    local("+14155550123"), // all three
                    local("+14155551123"), // no 5550
                    local("+16505550123"), // wrong start
                    local("+14154440123"), // no 555
                    local("+14155550124")); // wrong end

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().startsWith("415").contains("5550").endsWith("0123").limit(5).build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550123");
            // ends_with (4 digits) and contains (4 digits) beat starts_with (3); the anchored one wins the tie.
            assertThat(onlyRequest().parameter("Contains")).contains("0123$");
            assertThat(onlyRequest().parameter("PageSize")).contains("50");
        }

        @Test
        void checksASingleDigitPatternItselfAsTwilioNeedsTwoCharacters() {
            twilio.addInventory(local("+14155550123"), local("+14155550124"));

            AvailableNumbersPage page = adapter.searchInventory(account, search().endsWith("4").build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550124");
            assertThat(onlyRequest().query()).doesNotContainKey("Contains");
        }

        @Test
        void sendsTwiliosFlagForEachWantedCapabilityOnly() {
            twilio.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().type(NumberType.TOLL_FREE).capabilities(Capability.SMS, Capability.FAX).build(),
                            deadline());

            assertThat(phoneNumbers(page)).containsExactly("+18005550199");
            assertThat(onlyRequest().query()).containsEntry("SmsEnabled", List.of("true"))
                    .containsEntry("FaxEnabled", List.of("true"))
                    .doesNotContainKeys("VoiceEnabled", "MmsEnabled");
        }

        @Test
        void leavesOutNumbersNeedingAnyKindOfAddress() {
            twilio.addInventory(gbLocal("+442079460001").addressRequirements("none"),
                    gbLocal("+442079460002").addressRequirements("any"),
                    gbLocal("+442079460003").addressRequirements("local"),
                    gbLocal("+442079460004").addressRequirements("foreign"));

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().country("GB").excludeAddressRequired().build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+442079460001");
            assertThat(onlyRequest().query()).containsEntry("ExcludeAllAddressRequired", List.of("true"))
                    .containsEntry("ExcludeLocalAddressRequired", List.of("true"))
                    .containsEntry("ExcludeForeignAddressRequired", List.of("true"));
        }

        @Test
        void sendsRegionLocalityAndPostalCodeAsTwiliosInParameters() {
            twilio.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().region("CA").locality("San Francisco").postalCode("94107").build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155552255");
            assertThat(onlyRequest().query()).containsEntry("InRegion", List.of("CA"))
                    .containsEntry("InLocality", List.of("San Francisco"))
                    .containsEntry("InPostalCode", List.of("94107"));
        }

        @Test
        void searchesALocalityOutsideNorthAmerica() {
            twilio.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account, search().country("GB").locality("London")
                    .build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+442079460321");
        }

        @ParameterizedTest
        @ValueSource(strings = {"region", "postal_code"})
        void refusesRegionAndPostalCodeOutsideTheUsAndCanadaWithoutCallingTwilio(String filter) {
            SearchDraft search = search().country("GB");
            search = filter.equals("region") ? search.region("England") : search.postalCode("SW1A 1AA");

            SearchDraft refusedSearch = search;
            Throwable refused = catchThrowable(() -> adapter.searchInventory(account, refusedSearch.build(),
                    deadline()));

            assertThat(refused).isInstanceOfSatisfying(UnsupportedSearch.class, unsupported -> {
                assertThat(unsupported.filter()).isEqualTo(filter);
                assertThat(unsupported.provider()).isEqualTo(TelephonyProviderName.TWILIO);
            });
            assertThat(twilio.requestCount()).isZero();
        }

        @Test
        void refusesAnAreaCodeThatIsNotDigits() {
            Throwable refused = catchThrowable(() ->
                    adapter.searchInventory(account, search().areaCode("4l5").build(), deadline()));

            assertThat(refused).isInstanceOfSatisfying(UnsupportedSearch.class,
                    unsupported -> assertThat(unsupported.filter()).isEqualTo("area_code"));
            assertThat(twilio.requestCount()).isZero();
        }
    }

    @Nested
    class BestEffort {

        @Test
        void dropsTheDigitPatternsFirstAndMarksWhatItFinds() {
            twilio.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().locality("San Francisco").endsWith("9999").bestEffort().build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550123", "+14155552255");
            assertThat(page.numbers()).allMatch(AvailableNumber::bestEffortMatch);
            assertThat(twilio.requests()).hasSize(2);
            assertThat(twilio.requests().get(1).query()).doesNotContainKey("Contains")
                    .containsEntry("InLocality", List.of("San Francisco"));
        }

        @Test
        void thenDropsLocalityAndPostalCodeButKeepsTheRegion() {
            twilio.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().region("CA").locality("Oakland").endsWith("9999").bestEffort().build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550123", "+14155552255");
            assertThat(page.numbers()).allMatch(AvailableNumber::bestEffortMatch);
            assertThat(twilio.requests()).hasSize(3);
            assertThat(twilio.requests().get(2).query()).containsEntry("InRegion", List.of("CA"))
                    .doesNotContainKeys("InLocality", "Contains");
        }

        @Test
        void isNotTriedWhenTheExactSearchFindsNumbers() {
            twilio.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().endsWith("0123").bestEffort().build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550123");
            assertThat(page.numbers()).noneMatch(AvailableNumber::bestEffortMatch);
            assertThat(twilio.requestCount()).isEqualTo(1);
        }

        @Test
        void withoutItNothingFoundIsAnEmptyPage() {
            twilio.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account, search().endsWith("9999").build(), deadline());

            assertThat(page.numbers()).isEmpty();
            assertThat(page.hasMore()).isFalse();
            assertThat(twilio.requestCount()).isEqualTo(1);
        }

        @Test
        void appliesToOwnedNumbersByDroppingTheDigitPatterns() {
            twilio.addOwned(SID, OwnedNumber.of("+14155550123", NumberType.LOCAL));

            AvailableNumbersPage page = adapter.searchOwned(account,
                    search().source(NumberSource.ACCOUNT).endsWith("9999").bestEffort().build(), deadline());

            assertThat(page.numbers()).singleElement().satisfies(number -> {
                assertThat(number.phoneNumber()).isEqualTo("+14155550123");
                assertThat(number.bestEffortMatch()).isTrue();
            });
        }
    }

    @Nested
    class OwnedNumbers {

        @Test
        void listsOwnedNumbersWithTheirSidsReadingLowerCaseCapabilityKeys() {
            OwnedNumber owned = OwnedNumber.of("+14155550123", NumberType.LOCAL).capabilities(true, true, false, false);
            twilio.addOwned(SID, owned);

            AvailableNumbersPage page = adapter.searchOwned(account, owned().build(), deadline());

            assertThat(page.numbers()).containsExactly(new AvailableNumber("+14155550123", "US", NumberType.LOCAL,
                    null, null, null, new Capabilities(true, true, false, false), "none", null, false, owned.sid()));
            assertThat(owned.sid()).startsWith("PN").hasSize(34);
            assertThat(onlyRequest().path()).isEqualTo("/2010-04-01/Accounts/" + SID + "/IncomingPhoneNumbers/Local.json");
        }

        @Test
        void followsTwiliosPagesUntilOneMoreThanTheLimitMatches() {
            twilio.addOwned(SID, ownedWithFaxEvery40th(200));

            AvailableNumbersPage page = adapter.searchOwned(account,
                    owned().capabilities(Capability.FAX).limit(3).build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550030", "+14155550070", "+14155550110");
            assertThat(page.hasMore()).isTrue();
            // Pages of 50: the fourth fax number, on the fourth page, tells there are more.
            assertThat(twilio.requests()).hasSize(4);
            assertThat(twilio.requests()).allSatisfy(request -> assertThat(request.parameter("PageSize")).contains("50"));
            assertThat(twilio.requests().get(3).parameter("PageToken")).isPresent();
        }

        @Test
        void saysThereAreNoMoreOnceTwiliosLastPageIsRead() {
            twilio.addOwned(SID, ownedWithFaxEvery40th(200));

            AvailableNumbersPage page = adapter.searchOwned(account,
                    owned().capabilities(Capability.FAX).limit(10).build(), deadline());

            assertThat(page.numbers()).hasSize(5);
            assertThat(page.hasMore()).isFalse();
            assertThat(twilio.requests()).hasSize(4);
        }

        @Test
        void saysThereAreMoreWhenTwilioHasANextPage() {
            twilio.addOwned(SID, IntStream.range(0, 8)
                    .mapToObj(i -> OwnedNumber.of("+4420794600%02d".formatted(i), NumberType.LOCAL))
                    .toArray(OwnedNumber[]::new));

            AvailableNumbersPage page = adapter.searchOwned(account, owned().country("GB").limit(5).build(),
                    deadline());

            assertThat(page.numbers()).hasSize(5);
            assertThat(page.hasMore()).isTrue();
            assertThat(onlyRequest().query()).containsEntry("PageSize", List.of("6"))
                    .containsEntry("PhoneNumber", List.of("+44"));
        }

        @Test
        void anchorsTwiliosPhoneNumberFilterOnTheCountryCodeAndTheStart() {
            twilio.addOwned(SID, OwnedNumber.of("+14155550123", NumberType.LOCAL),
                    OwnedNumber.of("+16504155123", NumberType.LOCAL));

            AvailableNumbersPage page = adapter.searchOwned(account, owned().startsWith("415").build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550123");
            assertThat(onlyRequest().parameter("PhoneNumber")).contains("+1415");
        }

        @Test
        void checksContainsAndEndsWithItself() {
            twilio.addOwned(SID, OwnedNumber.of("+14155550123", NumberType.LOCAL),
                    OwnedNumber.of("+14155557788", NumberType.LOCAL), OwnedNumber.of("+14157788123", NumberType.LOCAL));

            AvailableNumbersPage page = adapter.searchOwned(account, owned().contains("7788").endsWith("123").build(),
                    deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14157788123");
        }

        @Test
        void tellsTheNorthAmericanCountriesApartByAreaCode() {
            twilio.addOwned(SID, OwnedNumber.of("+14155550123", NumberType.LOCAL),
                    OwnedNumber.of("+14165550123", NumberType.LOCAL));

            assertThat(adapter.searchOwned(account, owned().country("CA").build(),
                    deadline()).numbers()).singleElement()
                    .satisfies(number -> {
                        assertThat(number.phoneNumber()).isEqualTo("+14165550123");
                        assertThat(number.country()).isEqualTo("CA");
                    });
            assertThat(phoneNumbers(adapter.searchOwned(account, owned().build(),
                    deadline()))).containsExactly("+14155550123");
        }

        @Test
        void readsTheListOfTheTypeAsked() {
            twilio.addOwned(SID, OwnedNumber.of("+14155550123", NumberType.LOCAL),
                    OwnedNumber.of("+18005550123", NumberType.TOLL_FREE));

            AvailableNumbersPage page = adapter.searchOwned(account, owned().type(NumberType.TOLL_FREE).build(),
                    deadline());

            assertThat(page.numbers()).singleElement().satisfies(number -> {
                assertThat(number.phoneNumber()).isEqualTo("+18005550123");
                assertThat(number.type()).isEqualTo(NumberType.TOLL_FREE);
            });
            assertThat(onlyRequest().path()).endsWith("/IncomingPhoneNumbers/TollFree.json");
        }

        @Test
        void leavesOutNumbersNeedingAnAddress() {
            twilio.addOwned(SID, OwnedNumber.of("+14155550123", NumberType.LOCAL).addressRequirements("local"),
                    OwnedNumber.of("+14155550124", NumberType.LOCAL));

            AvailableNumbersPage page = adapter.searchOwned(account, owned().excludeAddressRequired().build(),
                    deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550124");
        }

        @ParameterizedTest
        @ValueSource(strings = {"region", "locality", "postal_code"})
        void refusesPlaceFiltersAsTwiliosListSaysNothingOfPlace(String filter) {
            SearchDraft search = switch (filter) {
                case "region" -> owned().region("CA");
                case "locality" -> owned().locality("San Francisco");
                default -> owned().postalCode("94105");
            };

            Throwable refused = catchThrowable(() -> adapter.searchOwned(account, search.build(), deadline()));

            assertThat(refused).isInstanceOfSatisfying(UnsupportedSearch.class,
                    unsupported -> assertThat(unsupported.filter()).isEqualTo(filter));
            assertThat(twilio.requestCount()).isZero();
        }

        @Test
        void refusesNationalNumbersAsTwilioListsNoSuchType() {
            Throwable refused = catchThrowable(() ->
                    adapter.searchOwned(account, owned().country("GB").type(NumberType.NATIONAL).build(), deadline()));

            assertThat(refused).isInstanceOfSatisfying(UnsupportedSearch.class,
                    unsupported -> assertThat(unsupported.filter()).isEqualTo("type"));
        }

        @Test
        void doesNotFollowANextPageOnAnotherHost() {
            twilio.injectNext(new EmulatedFault.Respond(200, "application/json", """
                    {"incoming_phone_numbers": [], "next_page_uri": "https://elsewhere.example/2010-04-01/Accounts/%s/IncomingPhoneNumbers/Local.json?Page=1",
                     "page": 0, "page_size": 21, "start": 0, "end": 0, "uri": "/x", "first_page_uri": "/x", "previous_page_uri": null}
                    """.formatted(SID), Map.of()));

            Throwable failed = catchThrowable(() -> adapter.searchOwned(account, owned().build(), deadline()));

            assertThat(failed).isInstanceOf(ProviderFault.Unavailable.class).hasMessageContaining("another host");
            assertThat(twilio.requestCount()).isEqualTo(1);
        }
    }

    @Nested
    class Faults {

        @Test
        void wrongCredentialsAreRejectedCredentials() {
            ProviderAccount wrongToken = account(SID, "not-the-token-at-all-0000");

            Throwable failed = catchThrowable(() -> adapter.searchInventory(wrongToken, search().build(), deadline()));

            assertThat(failed).isInstanceOf(ProviderFault.RejectedCredentials.class)
                    .hasMessageContaining("20003");
        }

        @Test
        void anAccountSidNotShapedLikeTwiliosIsRejectedWithoutACall() {
            Throwable failed = catchThrowable(() ->
                    adapter.searchInventory(account("AC123/../../other", TOKEN), search().build(), deadline()));

            assertThat(failed).isInstanceOf(ProviderFault.RejectedCredentials.class);
            assertThat(twilio.requestCount()).isZero();
        }

        @Test
        void rateLimitingCarriesTwiliosRetryAfter() {
            twilio.inject(Fault.twilioError(429, 20429, "Too Many Requests", Map.of("Retry-After", "7")));

            Throwable failed = catchThrowable(() -> adapter.searchInventory(account, search().build(), deadline()));

            assertThat(failed).isInstanceOfSatisfying(ProviderFault.RateLimited.class,
                    limited -> assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        }

        @Test
        void rateLimitingWithoutRetryAfterSuggestsTheDefault() {
            twilio.inject(Fault.twilioError(429, 20429, "Too Many Requests"));

            Throwable failed = catchThrowable(() -> adapter.searchInventory(account, search().build(), deadline()));

            assertThat(failed).isInstanceOfSatisfying(ProviderFault.RateLimited.class,
                    limited -> assertThat(limited.retryAfter()).isEqualTo(TwilioApi.DEFAULT_RETRY_AFTER));
        }

        @Test
        void rateLimitingWithAnHttpDateCountsFromNow() {
            Instant now = Instant.parse("2026-01-15T10:00:00Z");
            TwilioAdapter atNow = adapter(TIMEOUT, twilio.baseUrl(), Clock.fixed(now, ZoneOffset.UTC));
            String inThirtySeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30)
                    .atOffset(ZoneOffset.UTC));
            twilio.inject(Fault.twilioError(429, 20429, "Too Many Requests", Map.of("Retry-After", inThirtySeconds)));

            Throwable failed = catchThrowable(() -> atNow.searchInventory(account, search().build(), deadline()));
            atNow.close();

            assertThat(failed).isInstanceOfSatisfying(ProviderFault.RateLimited.class,
                    limited -> assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
        }

        @Test
        void aServerErrorWithTwiliosBodyIsUnavailableWithTwiliosCode() {
            twilio.inject(Fault.twilioError(500, 20500, "Internal Server Error"));

            Throwable failed = catchThrowable(() -> adapter.searchInventory(account, search().build(), deadline()));

            assertThat(failed).isInstanceOfSatisfying(ProviderFault.Unavailable.class,
                    unavailable -> assertThat(unavailable.providerCode()).isEqualTo("20500"));
        }

        @ParameterizedTest
        @ValueSource(ints = {502, 503})
        void aGatewayErrorPageIsUnavailableWithoutACode(int status) {
            twilio.inject(Fault.htmlPage(status));

            Throwable failed = catchThrowable(() -> adapter.searchOwned(account, owned().build(), deadline()));

            assertThat(failed).isInstanceOfSatisfying(ProviderFault.Unavailable.class, unavailable -> {
                assertThat(unavailable.providerCode()).isNull();
                assertThat(unavailable).hasMessageContaining(Integer.toString(status));
            });
        }

        @Test
        void aRefusedConnectionIsUnavailable() throws IOException {
            URI closedPort;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort());
            }
            TwilioAdapter nowhere = adapter(TIMEOUT, closedPort, Clock.systemUTC());

            Throwable failed = catchThrowable(() -> nowhere.searchInventory(account, search().build(), deadline()));
            nowhere.close();

            assertThat(failed).isInstanceOf(ProviderFault.Unavailable.class).hasMessageContaining("connect");
        }

        @Test
        void aConnectionClosedMidBodyIsUnavailable() {
            twilio.withSampleInventory().inject(new EmulatedFault.CloseMidBody());

            Throwable failed = catchThrowable(() -> adapter.searchInventory(account, search().build(), deadline()));

            assertThat(failed).isInstanceOf(ProviderFault.Unavailable.class);
        }

        @Test
        void aConnectionDroppedBeforeAnyAnswerIsUnavailable() {
            twilio.inject(new EmulatedFault.DropConnection());

            Throwable failed = catchThrowable(() -> adapter.searchInventory(account, search().build(), deadline()));

            assertThat(failed).isInstanceOf(ProviderFault.Unavailable.class);
        }

        @Test
        void anAnswerTooLargeToBeTwiliosIsNotReadWhole() {
            twilio.inject(new EmulatedFault.Respond(200, "application/json",
                    "{\"available_phone_numbers\": [], \"padding\": \"" + "x".repeat(TwilioApi.MAX_BODY_BYTES) + "\"}",
                    Map.of()));

            Throwable failed = catchThrowable(() -> adapter.searchInventory(account, search().build(), deadline()));

            assertThat(failed).isInstanceOf(ProviderFault.Unavailable.class).hasMessageContaining("larger than");
        }

        @Test
        void malformedJsonIsUnavailable() {
            twilio.inject(Fault.malformedJson());

            Throwable failed = catchThrowable(() -> adapter.searchInventory(account, search().build(), deadline()));

            assertThat(failed).isInstanceOf(ProviderFault.Unavailable.class).hasMessageContaining("could not be read");
        }

        @Test
        void noAnswerWithinTheDeadlineTimesOutOnTime() {
            Duration deadline = Duration.ofMillis(300);
            TwilioAdapter impatient = adapter(deadline, twilio.baseUrl(), Clock.systemUTC());
            twilio.inject(new EmulatedFault.StallBeforeAnswer(Duration.ofSeconds(30)));

            long started = System.nanoTime();
            Throwable failed = catchThrowable(() -> impatient.searchInventory(account, search().build(),
                    Deadline.after(deadline)));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            impatient.close();

            assertThat(failed).isInstanceOfSatisfying(ProviderFault.TimedOut.class,
                    timedOut -> assertThat(timedOut.deadline()).isEqualTo(deadline));
            assertThat(took).isBetween(deadline, deadline.plusMillis(500));
        }

        @Test
        void aBodyStalledMidwayTimesOutOnTime() {
            Duration deadline = Duration.ofMillis(300);
            TwilioAdapter impatient = adapter(deadline, twilio.baseUrl(), Clock.systemUTC());
            twilio.withSampleInventory().inject(new EmulatedFault.StallMidBody(Duration.ofSeconds(30)));

            long started = System.nanoTime();
            Throwable failed = catchThrowable(() -> impatient.searchInventory(account, search().build(),
                    Deadline.after(deadline)));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            impatient.close();

            assertThat(failed).isInstanceOf(ProviderFault.TimedOut.class);
            assertThat(took).isBetween(deadline, deadline.plusMillis(500));
        }

        @Test
        void oneDeadlineCoversEveryPageOfOneSearch() {
            Duration deadline = Duration.ofMillis(300);
            TwilioAdapter impatient = adapter(deadline, twilio.baseUrl(), Clock.systemUTC());
            twilio.addOwned(SID, ownedWithFaxEvery40th(200));
            twilio.injectNext(new EmulatedFault.StallBeforeAnswer(Duration.ofMillis(200)));
            twilio.injectNext(new EmulatedFault.StallBeforeAnswer(Duration.ofMillis(200)));

            long started = System.nanoTime();
            Throwable failed = catchThrowable(() ->
                    impatient.searchOwned(account, owned().capabilities(Capability.FAX).limit(3).build(),
                            Deadline.after(deadline)));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            impatient.close();

            // Each page alone is within 300 ms; the two together are not.
            assertThat(failed).isInstanceOf(ProviderFault.TimedOut.class);
            assertThat(took).isBetween(deadline, deadline.plusMillis(500));
        }

        @Test
        void usMobileNumbersAreNotSoldAndTheTypeIsBlamedNamingWhatIsSold() {
            Throwable failed = catchThrowable(() ->
                    adapter.searchInventory(account, search().type(NumberType.MOBILE).build(), deadline()));

            assertThat(failed).isInstanceOfSatisfying(ProviderFault.RejectedRequest.class, rejected -> {
                assertThat(rejected.filter()).isEqualTo("type");
                assertThat(rejected.providerCode()).isEqualTo("20404");
                assertThat(rejected).hasMessage("Twilio sells no mobile numbers in US; it sells local, toll_free");
            });
        }

        @Test
        void aCountryTwilioDoesNotServeBlamesTheCountry() {
            Throwable failed = catchThrowable(() -> adapter.searchInventory(account, search().country("KP").build(),
                    deadline()));

            assertThat(failed).isInstanceOfSatisfying(ProviderFault.RejectedRequest.class, rejected -> {
                assertThat(rejected.filter()).isEqualTo("country");
                assertThat(rejected.providerCode()).isEqualTo("20404");
                assertThat(rejected).hasMessage("Twilio sells no phone numbers in KP");
            });
        }

        @Test
        void aBadRequestNamingATwilioParameterBlamesItsFilter() {
            twilio.inject(Fault.twilioError(400, 21452, "Invalid InPostalCode: 9410"));

            Throwable failed = catchThrowable(() -> adapter.searchInventory(account,
                    search().postalCode("9410").build(), deadline()));

            assertThat(failed).isInstanceOfSatisfying(ProviderFault.RejectedRequest.class, rejected -> {
                assertThat(rejected.filter()).isEqualTo("postal_code");
                assertThat(rejected.providerCode()).isEqualTo("21452");
                assertThat(rejected).hasMessageContaining("Invalid InPostalCode");
            });
        }

        @Test
        void aBadRequestOnTheContainsPatternBlamesTheFilterThatFilledIt() {
            twilio.inject(Fault.twilioError(400, 400, "Invalid Contains: +1650555"));

            Throwable failed = catchThrowable(() ->
                    adapter.searchInventory(account, search().startsWith("650555").build(), deadline()));

            assertThat(failed).isInstanceOfSatisfying(ProviderFault.RejectedRequest.class,
                    rejected -> assertThat(rejected.filter()).isEqualTo("starts_with"));
        }

        static Stream<Arguments> everyFault() {
            return Stream.of(
                    Arguments.of("401 from Twilio", null),
                    Arguments.of("403", Fault.twilioError(403, 20003, "Permission Denied")),
                    Arguments.of("429", Fault.twilioError(429, 20429, "Too Many Requests")),
                    Arguments.of("400 echoing the request", Fault.twilioError(400, 400, "Invalid Contains " + TOKEN)),
                    Arguments.of("500", Fault.twilioError(500, 20500, "Internal Server Error")),
                    Arguments.of("503 HTML", Fault.htmlPage(503)),
                    Arguments.of("malformed JSON", Fault.malformedJson()),
                    Arguments.of("closed mid-body", new EmulatedFault.CloseMidBody()),
                    Arguments.of("dropped", new EmulatedFault.DropConnection()),
                    Arguments.of("stalled", new EmulatedFault.StallBeforeAnswer(Duration.ofSeconds(30))));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("everyFault")
        void noFaultMessageHoldsTheCredentials(String name, @Nullable EmulatedFault fault) {
            TwilioAdapter impatient = adapter(Duration.ofMillis(300), twilio.baseUrl(), Clock.systemUTC());
            twilio.withSampleInventory();
            ProviderAccount used = fault == null ? account(SID, TOKEN + "-but-wrong") : account;
            if (fault != null) {
                twilio.inject(fault);
            }

            Throwable failed = catchThrowable(() -> impatient.searchInventory(used, search().build(),
                    Deadline.after(Duration.ofMillis(300))));
            impatient.close();

            assertThat(failed).isInstanceOf(ProviderFault.class);
            String basic = Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
            for (Throwable t = failed; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN).doesNotContain(basic);
                assertThat(t.toString()).doesNotContain(TOKEN);
            }
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    static TwilioAdapter adapter(Duration timeout, URI baseUrl, Clock clock) {
        return new TwilioAdapter(ProviderSettings.adapter(TelephonyProviderName.TWILIO, timeout, baseUrl), clock);
    }

    static ProviderAccount account(String sid, String token) {
        return new ProviderAccount(UUID.nameUUIDFromBytes(sid.getBytes(StandardCharsets.UTF_8)),
                new ProviderCredentials.Twilio(sid, token));
    }

    ReceivedRequest onlyRequest() {
        assertThat(twilio.requests()).hasSize(1);
        return twilio.requests().getFirst();
    }

    static List<String> phoneNumbers(AvailableNumbersPage page) {
        return page.numbers().stream().map(AvailableNumber::phoneNumber).toList();
    }

    static InventoryNumber local(String e164) {
        return InventoryNumber.of(e164, "US", NumberType.LOCAL).in("CA", "San Francisco", "94105");
    }

    static InventoryNumber gbLocal(String e164) {
        return InventoryNumber.of(e164, "GB", NumberType.LOCAL).in(null, "London", null);
    }

    /** 415 555 0000 to 0199 (for n = 200), fax-capable at 0030, 0070, 0110, 0150 and 0190 only. */
    static OwnedNumber[] ownedWithFaxEvery40th(int n) {
        List<OwnedNumber> numbers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            numbers.add(OwnedNumber.of("+1415555%04d".formatted(i), NumberType.LOCAL)
                    .capabilities(true, true, true, i % 40 == 30));
        }
        return numbers.toArray(OwnedNumber[]::new);
    }
}
