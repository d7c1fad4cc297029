package dev.switchboard.telephony.vonage;

import dev.switchboard.telephony.Deadline;
import static dev.switchboard.telephony.SearchDraft.owned;
import static dev.switchboard.telephony.SearchDraft.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.Capability;
import dev.switchboard.telephony.EmulatedFault;
import dev.switchboard.telephony.Money;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderSettings;
import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.SearchDraft;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.UnsupportedSearch;
import dev.switchboard.telephony.vonage.VonageEmulator.Fault;
import dev.switchboard.telephony.vonage.VonageEmulator.InventoryNumber;
import dev.switchboard.telephony.vonage.VonageEmulator.OwnedNumber;
import dev.switchboard.telephony.vonage.VonageEmulator.ReceivedRequest;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The Vonage adapter over real HTTP against {@link VonageEmulator}, which speaks Vonage's wire format. */
class VonageAdapterTest {

    static final String KEY = "a1b2c3d4";
    static final String SECRET = "V0nageS3cretV0nageS3cret";
    static final Duration TIMEOUT = Duration.ofSeconds(10); // generous: the machine is shared; deadline tests set their own

    /** The one deadline of a port call, as the resilience layer would give it. */
    static Deadline deadline() {
        return Deadline.after(TIMEOUT);
    }

    VonageEmulator vonage;
    VonageAdapter adapter;
    ProviderAccount account;

    @BeforeEach
    void startVonage() {
        vonage = VonageEmulator.start().registerAccount(KEY, SECRET);
        adapter = adapter(TIMEOUT, vonage.baseUrl(), Clock.systemUTC());
        account = account(KEY, SECRET);
    }

    @AfterEach
    void everyExchangeConformedToVonagesDocument() {
        try {
            vonage.assertConformant();
        } finally {
            adapter.close();
            vonage.close();
        }
    }

    @Test
    void isTheVonageProvider() {
        assertThat(adapter.name()).isEqualTo(TelephonyProviderName.VONAGE);
    }

    @Nested
    class NumbersOnSale {

        @Test
        void mapsVonagesNumberAddingThePlusAndReadingCostInEuros() {
            vonage.addInventory(InventoryNumber.of("18089251571", "US", NumberType.LOCAL).features("VOICE", "MMS")
                    .cost("0.85"));

            AvailableNumbersPage page = adapter.searchInventory(account, search().build(), deadline());

            assertThat(page.numbers()).containsExactly(new AvailableNumber("+18089251571", "US", NumberType.LOCAL,
                    null, null, null, new Capabilities(true, false, true, false), "any", new Money("0.85", "EUR"),
                    false, null));
            assertThat(page.providerTotal()).as("a US local search asks for no type, so Vonage's count includes toll-free").isNull();
            assertThat(page.hasMore()).isFalse();
            ReceivedRequest request = onlyRequest();
            assertThat(request.path()).isEqualTo("/number/search");
            // a local search in the NANP asks for no type: Vonage's landline and mobile-lvn stock, toll-free left out
            assertThat(request.parameters()).containsOnlyKeys("country", "size", "index");
            assertThat(request.parameter("country")).contains("US");
        }

        @Test
        void sendsTheCredentialsAsBasicAuthNeverInTheQuery() {
            vonage.withSampleInventory();

            adapter.searchInventory(account, search().build(), deadline());

            assertThat(onlyRequest().basicAuth()).isTrue();
            assertThat(onlyRequest().apiKey()).isEqualTo(KEY);
            assertThat(onlyRequest().parameters()).doesNotContainKeys("api_key", "api_secret");
        }

        @Test
        void asksForOneMoreThanTheLimitAndTakesVonagesCountAsTheTotal() {
            vonage.addInventory(gbLocal("442079460101"), gbLocal("442079460102"), gbLocal("442079460103"),
                    gbLocal("442079460104"), gbLocal("442079460105"));

            AvailableNumbersPage page = adapter.searchInventory(account, search().country("GB").limit(3).build(),
                    deadline());

            assertThat(phoneNumbers(page)).containsExactly("+442079460101", "+442079460102", "+442079460103");
            assertThat(page.providerTotal()).isEqualTo(5);
            assertThat(page.hasMore()).isTrue();
            assertThat(onlyRequest().parameter("size")).contains("4");
            assertThat(onlyRequest().parameter("index")).contains("1");
        }

        @Test
        void searchesEachNumberTypeByVonagesSpellingOfIt() {
            vonage.withSampleInventory();

            assertThat(phoneNumbers(adapter.searchInventory(account, search().type(NumberType.TOLL_FREE).build(),
                    deadline())))
                    .containsExactly("+18005550199", "+18885550142");
            assertThat(adapter.searchInventory(account, search().country("GB").type(NumberType.MOBILE).build(),
                    deadline())
                    .numbers()).singleElement().satisfies(number -> {
                        assertThat(number.type()).isEqualTo(NumberType.MOBILE);
                        assertThat(number.country()).isEqualTo("GB");
                        assertThat(number.monthlyPrice()).isEqualTo(new Money("1.00", "EUR"));
                    });
            assertThat(vonage.requests()).map(r -> r.parameter("type").orElseThrow())
                    .containsExactly("landline-toll-free", "mobile-lvn");
        }

        @Test
        void sendsAnAreaCodeAsAStartsWithPatternAfterTheCountryCode() {
            vonage.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account, search().areaCode("415").build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550123", "+14155552255");
            assertThat(page.providerTotal()).as("a US local search asks for no type, so Vonage's count includes toll-free").isNull();
            assertThat(onlyRequest().parameter("pattern")).contains("1415");
            assertThat(onlyRequest().parameter("search_pattern")).contains("0");
        }

        @Test
        void treatsAnAreaCodeElsewhereAsTheStartOfTheNationalNumberToo() {
            vonage.addInventory(gbLocal("442079460001"), gbLocal("441619460002"), gbLocal("442089460003"));

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().country("GB").areaCode("20").build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+442079460001", "+442089460003");
            assertThat(onlyRequest().parameter("pattern")).contains("4420");
        }

        @Test
        void sendsEndsWithAsVonagesEndsWithPattern() {
            vonage.addInventory(local("14155550123"), local("14150123555"));

            AvailableNumbersPage page = adapter.searchInventory(account, search().endsWith("0123").build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550123");
            assertThat(page.providerTotal()).as("a US local search asks for no type, so Vonage's count includes toll-free").isNull();
            assertThat(onlyRequest().parameter("pattern")).contains("0123");
            assertThat(onlyRequest().parameter("search_pattern")).contains("2");
        }

        @Test
        void checksContainsOnTheNationalNumberThoughVonageMatchesTheWholeMsisdn() {
            // "14" is in 1 415... only through the country code, which is not part of the national number.
            vonage.addInventory(local("14155550123"), local("12125551400"));

            AvailableNumbersPage page = adapter.searchInventory(account, search().contains("14").build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+12125551400");
            assertThat(onlyRequest().parameter("search_pattern")).contains("1");
            // Vonage's count includes what the adapter left out, so it is no total of matches.
            assertThat(page.providerTotal()).isNull();
        }

        @Test
        void sendsTheMostNarrowingDigitFilterAndChecksTheOthersOnTheResults() {
            vonage.addInventory(local("14155550123"), local("14155559123"), local("16505550123"));

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().startsWith("415").endsWith("0123").build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550123");
            assertThat(onlyRequest().parameter("pattern")).contains("0123");
            assertThat(onlyRequest().parameter("search_pattern")).contains("2");
            assertThat(onlyRequest().parameter("size")).contains("100");
            assertThat(page.providerTotal()).isNull();
        }

        @Test
        void mergesAreaCodeAndStartsWithWhenOneExtendsTheOther() {
            vonage.addInventory(local("14155550123"), local("14156660123"));

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().areaCode("415").startsWith("415555").build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550123");
            assertThat(onlyRequest().parameter("pattern")).contains("1415555");
            assertThat(page.providerTotal()).as("a US local search asks for no type, so Vonage's count includes toll-free").isNull();
        }

        @Test
        void findsNothingWhenAreaCodeAndStartsWithContradictEachOther() {
            vonage.addInventory(local("14155550123"), local("16505550123"));

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().areaCode("415").startsWith("650").build(), deadline());

            assertThat(page.numbers()).isEmpty();
            assertThat(page.hasMore()).isFalse();
        }

        static Stream<Arguments> featureCombinations() {
            return Stream.of(
                    Arguments.of(Set.of(Capability.SMS), "SMS"),
                    Arguments.of(Set.of(Capability.VOICE), "VOICE"),
                    Arguments.of(Set.of(Capability.MMS), "MMS"),
                    Arguments.of(Set.of(Capability.SMS, Capability.VOICE), "SMS,VOICE"),
                    Arguments.of(Set.of(Capability.SMS, Capability.MMS), "SMS,MMS"),
                    Arguments.of(Set.of(Capability.VOICE, Capability.MMS), "VOICE,MMS"),
                    Arguments.of(Set.of(Capability.SMS, Capability.MMS, Capability.VOICE), "SMS,MMS,VOICE"));
        }

        @ParameterizedTest(name = "{0} is {1}")
        @MethodSource("featureCombinations")
        void spellsEachCombinationOfCapabilitiesAsVonagesDocumentDoes(Set<Capability> capabilities, String features) {
            vonage.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().capabilities(capabilities.toArray(Capability[]::new)).build(), deadline());

            assertThat(onlyRequest().parameter("features")).contains(features);
            assertThat(page.numbers()).allMatch(n -> n.capabilities().hasAll(capabilities));
        }

        @Test
        void readsAnEmptyResultThatHasOnlyACount() {
            AvailableNumbersPage page = adapter.searchInventory(account, search().country("DE").build(), deadline());

            assertThat(page.numbers()).isEmpty();
            assertThat(page.providerTotal()).isZero();
            assertThat(page.hasMore()).isFalse();
        }

        @Test
        void walksVonagesPagesWhileItFiltersTheResultsItself() {
            // 250 numbers ending in 0123, 100 to a page; those containing 24 are spread over all three pages.
            vonage.addInventory(IntStream.range(0, 250)
                    .mapToObj(i -> local("1415%03d0123".formatted(i)))
                    .toArray(InventoryNumber[]::new));

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().contains("24").endsWith("0123").limit(5).build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14150240123", "+14151240123", "+14152240123",
                    "+14152400123", "+14152410123");
            assertThat(page.hasMore()).isTrue();
            assertThat(page.providerTotal()).isNull();
            assertThat(vonage.requests()).map(r -> r.parameter("index").orElseThrow()).containsExactly("1", "2", "3");
            assertThat(vonage.requests()).allSatisfy(r -> {
                assertThat(r.parameter("size")).contains("100");
                assertThat(r.parameter("pattern")).contains("0123");
            });
        }

        @Test
        void stopsAtVonagesLastPage() {
            vonage.addInventory(IntStream.range(0, 150)
                    .mapToObj(i -> local("1415%03d0123".formatted(i)))
                    .toArray(InventoryNumber[]::new));

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().contains("4159").endsWith("0123").build(), deadline());

            assertThat(page.numbers()).isEmpty();
            assertThat(page.hasMore()).isFalse();
            assertThat(vonage.requests()).hasSize(2);
        }
    }

    @Nested
    class WireQuirks {

        private AvailableNumbersPage answering(String body) {
            vonage.inject(new EmulatedFault.Respond(200, "application/json;charset=UTF-8", body, Map.of()));
            return adapter.searchInventory(account, search().build(), deadline());
        }

        @Test
        void ignoresFieldsItDoesNotKnowAndTakesAMsisdnWithAPlus() {
            AvailableNumbersPage page = answering("""
                    {"count": 1, "page_size": 10, "numbers": [{"country": "US", "msisdn": "+14155550123",
                     "type": "landline", "cost": "0.90", "features": ["VOICE", "SMS"], "initialPrice": "0.00",
                     "ranges": [{"from": 1}]}]}""");

            assertThat(phoneNumbers(page)).containsExactly("+14155550123");
        }

        @Test
        void readsFeaturesSentAsOneCommaSeparatedStringAndInAnyCase() {
            AvailableNumbersPage page = answering("""
                    {"count": 1, "numbers": [{"country": "US", "msisdn": "14155550123", "type": "landline",
                     "cost": "0.90", "features": "voice,SMS"}]}""");

            assertThat(page.numbers()).singleElement()
                    .satisfies(n -> assertThat(n.capabilities()).isEqualTo(new Capabilities(true, true, false, false)));
        }

        @Test
        void readsNullFeaturesAsNoCapabilitiesAndACountSentAsAString() {
            AvailableNumbersPage page = answering("""
                    {"count": "1", "numbers": [{"country": "US", "msisdn": "14155550123", "type": "landline",
                     "features": null}]}""");

            assertThat(page.numbers()).singleElement().satisfies(n -> {
                assertThat(n.capabilities()).isEqualTo(Capabilities.NONE);
                assertThat(n.monthlyPrice()).isNull();
            });
            assertThat(page.providerTotal()).isNull(); // a US local search: Vonage's count includes toll-free;
        }

        @Test
        void takesANumberWithoutTypeOrCountryAsWhatWasAskedAndSkipsOneWithoutMsisdn() {
            AvailableNumbersPage page = answering("""
                    {"count": 2, "numbers": [{"msisdn": "14155550123", "cost": "not a price"}, {"cost": "1.00"}]}""");

            assertThat(page.numbers()).singleElement().satisfies(n -> {
                assertThat(n.type()).isEqualTo(NumberType.LOCAL);
                assertThat(n.country()).isEqualTo("US");
                assertThat(n.monthlyPrice()).isNull();
            });
            assertThat(page.providerTotal()).as("a number was left out, so the count is no total").isNull();
        }

        @Test
        void leavesOutANumberOfAnotherTypeThanAsked() {
            AvailableNumbersPage page = answering("""
                    {"count": 2, "numbers": [{"country": "US", "msisdn": "14155550123", "type": "landline"},
                     {"country": "US", "msisdn": "18005550199", "type": "landline-toll-free"}]}""");

            assertThat(phoneNumbers(page)).containsExactly("+14155550123");
        }

        @Test
        void readsVonagesMobileSpellingOfTheSdkFixtures() {
            vonage.inject(new EmulatedFault.Respond(200, "application/json", """
                    {"count": 1, "numbers": [{"country": "GB", "msisdn": "447700900000", "cost": "0.50",
                     "type": "mobile", "features": ["VOICE", "SMS"]}]}""", Map.of()));

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().country("GB").type(NumberType.MOBILE).build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+447700900000");
        }
    }

    @Nested
    class OwnedNumbers {

        @BeforeEach
        void ownSome() {
            vonage.addOwned(KEY,
                    OwnedNumber.of("14155550100", "US", NumberType.LOCAL),
                    OwnedNumber.of("18005550100", "US", NumberType.TOLL_FREE).features("VOICE"),
                    OwnedNumber.of("14165550123", "CA", NumberType.LOCAL),
                    OwnedNumber.of("447700900001", "GB", NumberType.MOBILE));
        }

        @Test
        void listsTheAccountsNumbersOfTheCountryAndTypeAskedWithoutAnIdAsVonageHasNone() {
            AvailableNumbersPage page = adapter.searchOwned(account, owned().build(), deadline());

            assertThat(page.numbers()).containsExactly(new AvailableNumber("+14155550100", "US", NumberType.LOCAL,
                    null, null, null, new Capabilities(true, true, false, false), "any", null, false, null));
            assertThat(onlyRequest().path()).isEqualTo("/account/numbers");
            assertThat(onlyRequest().parameters()).containsOnlyKeys("country", "size", "index");
            assertThat(onlyRequest().parameter("country")).contains("US");
        }

        @Test
        void checksTheTypeOnTheResultsAsVonageDoesNotListByType() {
            assertThat(phoneNumbers(adapter.searchOwned(account, owned().type(NumberType.TOLL_FREE).build(),
                    deadline())))
                    .containsExactly("+18005550100");
            assertThat(phoneNumbers(adapter.searchOwned(account,
                    owned().country("GB").type(NumberType.MOBILE).build(),
                            deadline()))).containsExactly("+447700900001");
        }

        @Test
        void sendsAStartsWithPatternAndChecksCapabilitiesOnTheResults() {
            assertThat(phoneNumbers(adapter.searchOwned(account,
                    owned().type(NumberType.TOLL_FREE).areaCode("800").capabilities(Capability.SMS).build(),
                            deadline())))
                    .isEmpty();
            assertThat(onlyRequest().parameter("pattern")).contains("1800");
            assertThat(onlyRequest().parameter("search_pattern")).contains("0");
            assertThat(onlyRequest().parameters()).doesNotContainKey("features");
        }

        @Test
        void leavesOutAnOwnedNumberOfNoKnownType() {
            vonage.inject(new EmulatedFault.Respond(200, "application/json", """
                    {"count": 2, "numbers": [{"country": "US", "msisdn": "14155550100", "type": "landline",
                     "features": ["VOICE"]}, {"country": "US", "msisdn": "14155550101", "features": null}]}""",
                    Map.of()));

            assertThat(phoneNumbers(adapter.searchOwned(account, owned().build(),
                    deadline()))).containsExactly("+14155550100");
        }

        @Test
        void tellsThereAreMoreWhenMoreMatchThanTheLimit() {
            vonage.addOwned(KEY, OwnedNumber.of("14155550102", "US", NumberType.LOCAL));

            AvailableNumbersPage page = adapter.searchOwned(account, owned().limit(1).build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550100");
            assertThat(page.hasMore()).isTrue();
            assertThat(page.providerTotal()).isNull();
        }
    }

    @Nested
    class BestEffort {

        @Test
        void relaxesTheDigitPatternsWhenNothingMatchesAndMarksWhatItOffers() {
            vonage.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().areaCode("415").endsWith("9999").bestEffort().build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550123", "+14155552255");
            assertThat(page.numbers()).allMatch(AvailableNumber::bestEffortMatch);
            assertThat(vonage.requests()).map(r -> r.parameter("pattern").orElseThrow()).containsExactly("9999",
                    "1415");
        }

        @Test
        void marksNothingWhenExactMatchesExist() {
            vonage.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().endsWith("0123").bestEffort().build(), deadline());

            assertThat(phoneNumbers(page)).containsExactly("+14155550123");
            assertThat(page.numbers()).noneMatch(AvailableNumber::bestEffortMatch);
            assertThat(vonage.requests()).hasSize(1);
        }
    }

    @Nested
    class Refusals {

        static Stream<Arguments> filtersVonageCannotHonour() {
            return Stream.of(
                    Arguments.of("region", (Function<SearchDraft, SearchDraft>) s -> s.region("CA")),
                    Arguments.of("locality", (Function<SearchDraft, SearchDraft>) s -> s.locality("San Francisco")),
                    Arguments.of("postal_code", (Function<SearchDraft, SearchDraft>) s -> s.postalCode("94105")),
                    Arguments.of("exclude_address_required",
                            (Function<SearchDraft, SearchDraft>) SearchDraft::excludeAddressRequired),
                    Arguments.of("capabilities",
                            (Function<SearchDraft, SearchDraft>) s -> s.capabilities(Capability.VOICE, Capability.FAX)),
                    Arguments.of("type", (Function<SearchDraft, SearchDraft>) s -> s.type(NumberType.NATIONAL)));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("filtersVonageCannotHonour")
        void refusesAFilterItCannotHonourNamingItWithoutCallingVonage(String filter,
                Function<SearchDraft, SearchDraft> ask) {
            for (SearchDraft draft : List.of(search(), owned())) {
                AvailableNumberSearch asked = ask.apply(draft).build();
                Throwable refused = catchThrowable(() -> {
                    if (asked.source() == dev.switchboard.telephony.NumberSource.ACCOUNT) {
                        adapter.searchOwned(account, asked, deadline());
                    } else {
                        adapter.searchInventory(account, asked, deadline());
                    }
                });

                assertThat(refused).isInstanceOfSatisfying(UnsupportedSearch.class, unsupported -> {
                    assertThat(unsupported.filter()).isEqualTo(filter);
                    assertThat(unsupported.provider()).isEqualTo(TelephonyProviderName.VONAGE);
                });
            }
            assertThat(vonage.requestCount()).isZero();
        }

        @Test
        void refusesADigitFilterInACountryWhoseCallingCodeItDoesNotKnow() {
            Throwable refused = catchThrowable(() ->
                    adapter.searchInventory(account, search().country("ZZ").startsWith("12").build(), deadline()));

            assertThat(refused).isInstanceOfSatisfying(UnsupportedSearch.class,
                    unsupported -> assertThat(unsupported.filter()).isEqualTo("starts_with"));
        }
    }

    @Nested
    class Faults {

        @Test
        void aLegacy401IsRejectedCredentialsWithoutTheSecret() {
            ProviderAccount wrong = account(KEY, "NotTheSecret0123456789");

            Throwable failed = catchThrowable(() -> adapter.searchInventory(wrong, search().build(), deadline()));

            assertThat(failed).isInstanceOf(ProviderFault.RejectedCredentials.class)
                    .hasMessageContaining("Vonage error 401")
                    .hasMessageNotContaining("NotTheSecret0123456789").hasMessageNotContaining(KEY);
        }

        @Test
        void anRfc7807UnauthorizedIsRejectedCredentials() {
            vonage.inject(Fault.problem(401, "unauthorized", "Unauthorized", "You did not provide correct credentials.",
                    Map.of()));

            assertThat(catchThrowable(() -> adapter.searchOwned(account, owned().build(), deadline())))
                    .isInstanceOf(ProviderFault.RejectedCredentials.class)
                    .hasMessageContaining("Vonage error unauthorized");
        }

        @Test
        void aSuccessfulStatusCarryingAnErrorCodeIsThatError() {
            vonage.inject(Fault.vonageError(200, "401", "authentication failed"));

            assertThat(catchThrowable(() -> adapter.searchInventory(account, search().build(), deadline())))
                    .isInstanceOf(ProviderFault.RejectedCredentials.class);
        }

        @Test
        void emptyCredentialsAreRejectedWithoutCallingVonage() {
            assertThat(catchThrowable(() -> adapter.searchInventory(account(KEY, " "), search().build(), deadline())))
                    .isInstanceOf(ProviderFault.RejectedCredentials.class);
            assertThat(vonage.requestCount()).isZero();
        }

        @Test
        void a429IsRateLimitedWithVonagesRetryAfterInSecondsOrAsADate() {
            vonage.inject(Fault.problem(429, "throttled", "Rate Limit Hit", "Please wait, then retry your request",
                    Map.of("Retry-After", "7")));
            assertThat(retryAfter(adapter)).isEqualTo(Duration.ofSeconds(7));

            Instant now = Instant.parse("2026-01-05T10:00:00Z");
            VonageAdapter atNoon = adapter(TIMEOUT, vonage.baseUrl(), Clock.fixed(now, ZoneOffset.UTC));
            try {
                vonage.inject(Fault.vonageError(429, "429", "throttled", Map.of("Retry-After",
                        DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(42).atOffset(ZoneOffset.UTC)))));
                assertThat(retryAfter(atNoon)).isEqualTo(Duration.ofSeconds(42));
            } finally {
                atNoon.close();
            }
        }

        @Test
        void a429WithoutRetryAfterOrAThrottledCodeUnderAnotherStatusIsRateLimitedWithTheDefault() {
            vonage.inject(Fault.vonageError(429, "429", "throttled"));
            assertThat(retryAfter(adapter)).isEqualTo(VonageApi.DEFAULT_RETRY_AFTER);

            vonage.inject(Fault.problem(403, "throttled", "Throttled", "Too many requests", Map.of()));
            assertThat(retryAfter(adapter)).isEqualTo(VonageApi.DEFAULT_RETRY_AFTER);
        }

        @Test
        void a420OnASearchIsARefusalOfTheRequestNotARateLimit() {
            vonage.inject(Fault.vonageError(420, "420", "method failed"));

            assertThat(catchThrowable(() -> adapter.searchInventory(account, search().build(), deadline())))
                    .isInstanceOfSatisfying(ProviderFault.RejectedRequest.class, refused -> {
                        assertThat(refused.providerCode()).isEqualTo("420");
                        assertThat(refused).hasMessageContaining("method failed");
                    });
        }

        @Test
        void aParameterVonageRefusesNamesTheFilterItCameFrom() {
            vonage.inject(new EmulatedFault.Respond(400, "application/json;charset=UTF-8", "{\"pattern\": \"Is invalid.\"}",
                    Map.of()));

            assertThat(catchThrowable(() -> adapter.searchInventory(account, search().areaCode("415").build(),
                    deadline())))
                    .isInstanceOfSatisfying(ProviderFault.RejectedRequest.class,
                            refused -> assertThat(refused.filter()).isEqualTo("area_code"));
        }

        @Test
        void invalidParametersOfAnRfc7807BodyNameTheFilterToo() {
            vonage.inject(new EmulatedFault.Respond(422, "application/problem+json", """
                    {"type": "https://developer.nexmo.com/api-errors#invalid-params", "title": "Invalid parameters",
                     "detail": "The value of one or more parameters is invalid", "instance": "797a8f199c45014ab7b08b",
                     "invalid_parameters": [{"name": "features", "reason": "Must be one of SMS, VOICE, MMS"}]}""",
                    Map.of()));

            assertThat(catchThrowable(() -> adapter.searchInventory(account,
                    search().capabilities(Capability.SMS).build(), deadline())))
                    .isInstanceOfSatisfying(ProviderFault.RejectedRequest.class, refused -> {
                        assertThat(refused.filter()).isEqualTo("capabilities");
                        assertThat(refused.providerCode()).isEqualTo("invalid-params");
                    });
        }

        @Test
        void aServerErrorIsUnavailableWithVonagesCode() {
            vonage.inject(Fault.vonageError(500, "500", "internal error"));
            assertThat(catchThrowable(() -> adapter.searchInventory(account, search().build(), deadline())))
                    .isInstanceOfSatisfying(ProviderFault.Unavailable.class,
                            down -> assertThat(down.providerCode()).isEqualTo("500"));

            vonage.inject(Fault.problem(503, "internal-error", "Internal Error", "Try again later", Map.of()));
            assertThat(catchThrowable(() -> adapter.searchInventory(account, search().build(), deadline())))
                    .isInstanceOfSatisfying(ProviderFault.Unavailable.class,
                            down -> assertThat(down.providerCode()).isEqualTo("internal-error"));
        }

        @Test
        void brokenAnswersAreUnavailable() {
            for (EmulatedFault fault : new EmulatedFault[] {Fault.htmlPage(502), Fault.malformedJson(), new EmulatedFault.DropConnection(),
                    new EmulatedFault.CloseMidBody(), new EmulatedFault.Respond(200, "application/json", "", Map.of()),
                    new EmulatedFault.Respond(200, "application/json", "[]", Map.of()),
                    new EmulatedFault.Respond(404, "text/html", "<h1>Not Found</h1>", Map.of())}) {
                vonage.inject(fault);

                assertThat(catchThrowable(() -> adapter.searchInventory(account, search().build(), deadline())))
                        .as("%s", fault).isInstanceOf(ProviderFault.Unavailable.class);
            }
        }

        @Test
        void aRefusedConnectionIsUnavailable() throws IOException {
            URI closed;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
            }
            try (VonageAdapter nowhere = adapter(TIMEOUT, closed, Clock.systemUTC())) {
                assertThat(catchThrowable(() -> nowhere.searchInventory(account, search().build(), deadline())))
                        .isInstanceOf(ProviderFault.Unavailable.class).hasMessageContaining("connect");
            }
        }

        @Test
        void aBodyStalledPastTheDeadlineTimesOutAtTheDeadline() {
            vonage.withSampleInventory();
            vonage.inject(new EmulatedFault.StallMidBody(Duration.ofSeconds(30)));
            Duration deadline = Duration.ofMillis(400);

            try (VonageAdapter impatient = adapter(deadline, vonage.baseUrl(), Clock.systemUTC())) {
                long started = System.nanoTime();
                Throwable failed = catchThrowable(() -> impatient.searchInventory(account, search().build(),
                        Deadline.after(deadline)));
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(failed).isInstanceOfSatisfying(ProviderFault.TimedOut.class,
                        timedOut -> assertThat(timedOut.deadline()).isEqualTo(deadline));
                assertThat(took).isBetween(deadline, deadline.plusMillis(750));
            }
        }

        @Test
        void oneDeadlineCoversEveryPageOfASearch() {
            vonage.addInventory(IntStream.range(0, 150)
                    .mapToObj(i -> local("1415%03d0123".formatted(i)))
                    .toArray(InventoryNumber[]::new));
            Duration deadline = Duration.ofMillis(600);
            // The first page answers at once, the second never within the deadline.
            vonage.injectNext(new EmulatedFault.StallBeforeAnswer(Duration.ZERO));
            vonage.injectNext(new EmulatedFault.StallBeforeAnswer(Duration.ofSeconds(30)));

            try (VonageAdapter impatient = adapter(deadline, vonage.baseUrl(), Clock.systemUTC())) {
                long started = System.nanoTime();
                Throwable failed = catchThrowable(() -> impatient.searchInventory(account,
                        search().contains("4159").endsWith("0123").build(), Deadline.after(deadline)));
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(failed).isInstanceOf(ProviderFault.TimedOut.class);
                assertThat(took).isBetween(deadline, deadline.plusMillis(750));
                assertThat(vonage.requests()).hasSize(2);
            }
        }

        private Duration retryAfter(VonageAdapter which) {
            Throwable failed = catchThrowable(() -> which.searchInventory(account, search().build(), deadline()));
            assertThat(failed).isInstanceOf(ProviderFault.RateLimited.class);
            return ((ProviderFault.RateLimited) failed).retryAfter();
        }
    }

    @Nested
    class Buying {

        @BeforeEach
        void stock() {
            vonage.withSampleInventory()
                    .addOwned(KEY, OwnedNumber.of("14155550100", "US", NumberType.LOCAL),
                            OwnedNumber.of("14165550111", "CA", NumberType.LOCAL));
        }

        @Test
        void findsTheNumberOnSaleThenBuysItWithOneFormPostByCountryAndMsisdn() {
            AvailableNumber bought = adapter.buy(account, "+14165550188", deadline());

            assertThat(bought).isEqualTo(new AvailableNumber("+14165550188", "CA", NumberType.LOCAL, null, null, null,
                    new Capabilities(true, true, false, false), "any", new Money("0.90", "EUR"), false, null));
            assertThat(vonage.requests()).hasSize(2);
            ReceivedRequest search = vonage.requests().get(0);
            assertThat(search.path()).isEqualTo("/number/search");
            assertThat(search.parameter("country")).contains("CA");
            assertThat(search.parameter("pattern")).contains("14165550188");
            ReceivedRequest buy = vonage.requests().get(1);
            assertThat(buy.method()).isEqualTo("POST");
            assertThat(buy.path()).isEqualTo("/number/buy");
            assertThat(buy.parameters()).containsOnlyKeys("country", "msisdn");
            assertThat(buy.parameter("msisdn")).contains("14165550188");
            assertThat(buy.basicAuth()).isTrue();
            assertThat(vonage.onSale("14165550188")).isFalse();
        }

        @Test
        void aNumberNotOnSaleOrNotANumberIsNotOnSaleWithoutAnyPurchase() {
            for (String number : List.of("+12129580100", "+14155550100", "14155550123", "+1-415-555-0123")) {
                assertThat(catchThrowable(() -> adapter.buy(account, number, deadline()))).as(number)
                        .isInstanceOfSatisfying(ProviderFault.NumberNotOnSale.class,
                                refused -> assertThat(refused.phoneNumber()).isEqualTo(number));
            }
            assertThat(vonage.requests()).noneMatch(r -> r.method().equals("POST"));
        }

        @Test
        void vonagesMethodFailedOnTheBuyIsNotOnSaleWhetherAsStatusOrInA200() {
            vonage.injectNext(new EmulatedFault.StallBeforeAnswer(Duration.ZERO)); // the search answers as usual
            vonage.injectNext(Fault.vonageError(420, "420", "method failed"));
            assertThat(catchThrowable(() -> adapter.buy(account, "+14155550123", deadline())))
                    .isInstanceOf(ProviderFault.NumberNotOnSale.class);

            vonage.injectNext(new EmulatedFault.StallBeforeAnswer(Duration.ZERO));
            vonage.injectNext(Fault.vonageError(200, "420", "Numbers from this country can be requested from the "
                    + "Dashboard as they require a valid local address to be provided before being purchased."));
            assertThat(catchThrowable(() -> adapter.buy(account, "+14155550123", deadline())))
                    .isInstanceOf(ProviderFault.NumberNotOnSale.class);
        }

        @Test
        void otherFailuresOfTheBuyAreTheUsualFaults() {
            vonage.injectNext(new EmulatedFault.StallBeforeAnswer(Duration.ZERO));
            vonage.injectNext(Fault.vonageError(401, "401", "authentication failed"));
            assertThat(catchThrowable(() -> adapter.buy(account, "+14155550123", deadline())))
                    .isInstanceOf(ProviderFault.RejectedCredentials.class);

            vonage.injectNext(new EmulatedFault.StallBeforeAnswer(Duration.ZERO));
            vonage.injectNext(Fault.vonageError(500, "500", "internal error"));
            assertThat(catchThrowable(() -> adapter.buy(account, "+14155550123", deadline())))
                    .isInstanceOfSatisfying(ProviderFault.Unavailable.class,
                            down -> assertThat(down.providerCode()).isEqualTo("500"));
        }

        @Test
        void findsOnlyTheAccountsNumberWithExactlyThatMsisdn() {
            assertThat(adapter.findOwned(account, "+14155550100", deadline())).hasValueSatisfying(found -> {
                assertThat(found.country()).isEqualTo("US");
                assertThat(found.providerNumberId()).isNull();
            });
            assertThat(onlyRequest().path()).isEqualTo("/account/numbers");
            assertThat(onlyRequest().parameter("pattern")).contains("14155550100");
            assertThat(onlyRequest().parameter("search_pattern")).contains("0");
            // A starts-with pattern also finds longer numbers; only the exact one counts.
            assertThat(adapter.findOwned(account, "+1415555010", deadline())).isEmpty();
            assertThat(adapter.findOwned(account, "not a number", deadline())).isEmpty();
        }

        @Test
        void releasesByCancellingUnderTheCountryVonageListsTheNumberIn() {
            adapter.release(account, "+14165550111", null, deadline());

            assertThat(vonage.owned(KEY)).extracting(OwnedNumber::msisdn).containsExactly("14155550100");
            ReceivedRequest cancel = vonage.requests().getLast();
            assertThat(cancel.path()).isEqualTo("/number/cancel");
            assertThat(cancel.parameter("country")).contains("CA");
            assertThat(cancel.parameter("msisdn")).contains("14165550111");
        }

        @Test
        void releasingANumberNotOwnedSendsNoCancel() {
            adapter.release(account, "+14155550123", null, deadline());

            assertThat(onlyRequest().path()).isEqualTo("/account/numbers");
        }

        @Test
        void aRefusedCancelOfANumberGoneMeanwhileIsReleasedButOfOneStillOwnedIsAFault() {
            // Listed as owned, then the cancel fails, then it is no longer listed: someone released it first.
            vonage.injectNext(new EmulatedFault.StallBeforeAnswer(Duration.ZERO));
            vonage.injectNext(Fault.vonageError(420, "420", "method failed"));
            vonage.injectNext(new EmulatedFault.Respond(200, "application/json;charset=UTF-8", "{\"count\": 0}", Map.of()));
            adapter.release(account, "+14155550100", null, deadline());

            vonage.injectNext(new EmulatedFault.StallBeforeAnswer(Duration.ZERO));
            vonage.injectNext(Fault.vonageError(420, "420", "method failed"));
            assertThat(catchThrowable(() -> adapter.release(account, "+14155550100", null, deadline())))
                    .isInstanceOfSatisfying(ProviderFault.RejectedRequest.class,
                            refused -> assertThat(refused.providerCode()).isEqualTo("420"));
        }
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    static VonageAdapter adapter(Duration timeout, URI baseUrl, Clock clock) {
        return new VonageAdapter(ProviderSettings.adapter(TelephonyProviderName.VONAGE, timeout, baseUrl), clock);
    }

    static ProviderAccount account(String apiKey, String apiSecret) {
        return new ProviderAccount(UUID.nameUUIDFromBytes(apiKey.getBytes(StandardCharsets.UTF_8)),
                new ProviderCredentials.Vonage(apiKey, apiSecret));
    }

    ReceivedRequest onlyRequest() {
        assertThat(vonage.requests()).hasSize(1);
        return vonage.requests().getFirst();
    }

    static List<String> phoneNumbers(AvailableNumbersPage page) {
        return page.numbers().stream().map(AvailableNumber::phoneNumber).toList();
    }

    static InventoryNumber local(String msisdn) {
        return InventoryNumber.of(msisdn, "US", NumberType.LOCAL);
    }

    static InventoryNumber gbLocal(String msisdn) {
        return InventoryNumber.of(msisdn, "GB", NumberType.LOCAL);
    }
}
