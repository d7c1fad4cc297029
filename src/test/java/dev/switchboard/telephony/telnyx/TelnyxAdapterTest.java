package dev.switchboard.telephony.telnyx;

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
import dev.switchboard.telephony.Money;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderSettings;
import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.SearchDraft;
import dev.switchboard.telephony.TelephonyProviderName;
import dev.switchboard.telephony.UnsupportedSearch;
import dev.switchboard.telephony.telnyx.TelnyxEmulator.Fault;
import dev.switchboard.telephony.telnyx.TelnyxEmulator.InventoryNumber;
import dev.switchboard.telephony.telnyx.TelnyxEmulator.OwnedNumber;
import dev.switchboard.telephony.telnyx.TelnyxEmulator.ReceivedRequest;
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
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Telnyx adapter over real HTTP against {@link TelnyxEmulator}, which speaks Telnyx's wire format. */
class TelnyxAdapterTest {

    static final String KEY = "KEY0190ADAPTER_TEST_0123456789abcdef";
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** The one deadline of a port call, as the resilience layer would give it. */
    static Deadline deadline() {
        return Deadline.after(TIMEOUT);
    }

    /** Telnyx's own sample answer (number-search quickstart), byte for byte in its quirks. */
    static final String QUICKSTART_ANSWER = """
            {"data": [{"best_effort": false,
              "cost_information": {"currency": "USD", "monthly_cost": "1.00000", "upfront_cost": "1.00000"},
              "features": [{"name": "fax"}, {"name": "voice"}, {"name": "sms"}],
              "phone_number": "+17732490564", "record_type": "available_phone_number",
              "region_information": [{"region_name": "US", "region_type": "country_code"},
                {"region_name": "IL", "region_type": "state"},
                {"region_name": "CHICAGO ZONE 11", "region_type": "rate_center"}],
              "reservable": false, "vanity_format": null}],
             "meta": {"best_effort_results": 0, "total_results": 1}}""";

    TelnyxEmulator telnyx;
    TelnyxAdapter adapter;
    ProviderAccount account;

    @BeforeEach
    void startTelnyx() {
        telnyx = TelnyxEmulator.start().registerAccount(KEY);
        adapter = adapter(TIMEOUT, telnyx.baseUrl(), Clock.systemUTC());
        account = account(KEY);
    }

    @AfterEach
    void everyExchangeConformedToTelnyxsDocument() {
        try {
            telnyx.assertConformant();
        } finally {
            adapter.close();
            telnyx.close();
        }
    }

    @Test
    void isTheTelnyxProvider() {
        assertThat(adapter.name()).isEqualTo(TelephonyProviderName.TELNYX);
    }

    @Nested
    class NumbersOnSale {

        @Test
        void readsTelnyxsOwnSampleAnswerWithItsQuirks() {
            telnyx.injectNext(new EmulatedFault.Respond(200, "application/json", QUICKSTART_ANSWER, Map.of()));

            AvailableNumbersPage page = adapter.searchInventory(account,
                    search().region("Illinois").locality("Chicago").build(), deadline());

            assertThat(page.numbers()).singleElement().isEqualTo(new AvailableNumber("+17732490564", "US",
                    NumberType.LOCAL, "IL", "Chicago", null, new Capabilities(true, true, false, true), "any",
                    new Money("1.00", "USD"), false, null, new Money("1.00", "USD")));
            assertThat(page.providerTotal()).isNull();
        }

        @Test
        void readsALocationEntryAsTheLocalityAndTotalsUnderMetadata() {
            telnyx.injectNext(new EmulatedFault.Respond(200, "application/json", """
                    {"data": [{"phone_number": "+14165550188", "best_effort": false,
                      "region_information": [{"region_type": "country_code", "region_name": "CA"},
                        {"region_type": "state", "region_name": "ON"}, {"region_type": "location", "region_name": "Toronto"}],
                      "cost_information": {"upfront_cost": 1.5, "monthly_cost": 1.5, "currency": "CAD"},
                      "features": [{"name": "voice"}, {"name": "hd_voice"}], "some_new_field": {"x": 1}}],
                     "metadata": {"total_results": 1, "best_effort_results": 0}}""", Map.of()));

            AvailableNumber number = adapter.searchInventory(account, search().country("CA").build(),
                    deadline()).numbers()
                    .getFirst();

            assertThat(number.locality()).isEqualTo("Toronto");
            assertThat(number.region()).isEqualTo("ON");
            assertThat(number.capabilities()).isEqualTo(new Capabilities(true, false, false, false));
            assertThat(number.monthlyPrice()).isEqualTo(new Money("1.50", "CAD"));
            assertThat(number.setupPrice()).as("upfront_cost, a JSON number here").isEqualTo(new Money("1.50", "CAD"));
        }

        @Test
        void sendsEachFilterAsTelnyxSpellsIt() {
            telnyx.withSampleInventory();

            adapter.searchInventory(account, search().areaCode("415").startsWith("415555").endsWith("0123")
                    .contains("555").region("California").locality("San Francisco")
                    .capabilities(Capability.VOICE, Capability.SMS).bestEffort().build(), deadline());

            ReceivedRequest request = onlyRequest();
            assertThat(request.path()).isEqualTo("/v2/available_phone_numbers");
            assertThat(request.parameter("filter[country_code]")).contains("US");
            assertThat(request.parameter("filter[phone_number_type]")).contains("local");
            assertThat(request.parameter("filter[national_destination_code]")).contains("415");
            assertThat(request.parameter("filter[phone_number][starts_with]")).contains("555");
            assertThat(request.parameter("filter[phone_number][ends_with]")).contains("0123");
            assertThat(request.parameter("filter[phone_number][contains]")).contains("555");
            assertThat(request.parameter("filter[administrative_area]")).contains("CA");
            assertThat(request.parameter("filter[locality]")).contains("San Francisco");
            assertThat(request.parameters("filter[features]")).containsExactly("sms", "voice");
            assertThat(request.parameter("filter[best_effort]")).contains("true");
            assertThat(request.parameter("filter[limit]")).contains("100"); // contains is checked here: ask wide
            assertThat(request.apiKey()).isEqualTo(KEY);
        }

        @Test
        void asksForOneMoreThanTheLimitWhenTelnyxAppliesEveryFilter() {
            telnyx.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account, search().limit(1).build(), deadline());

            assertThat(onlyRequest().parameter("filter[limit]")).contains("2");
            assertThat(page.numbers()).hasSize(1);
            assertThat(page.hasMore()).isTrue();
        }

        @Test
        void sendsAnNanpStartsWithAsTheAreaCodeAndTheRest() {
            telnyx.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account, search().startsWith("2125").build(),
                    deadline());

            assertThat(onlyRequest().parameter("filter[national_destination_code]")).contains("212");
            assertThat(onlyRequest().parameter("filter[phone_number][starts_with]")).contains("5");
            assertThat(page.numbers()).extracting(AvailableNumber::phoneNumber).containsExactly("+12125550147");
        }

        @Test
        void checksAStartsWithOutsideTheNanpItself() {
            telnyx.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account, search().country("GB").startsWith("2079")
                    .build(), deadline());

            assertThat(onlyRequest().parameter("filter[phone_number][starts_with]")).isEmpty();
            assertThat(page.numbers()).extracting(AvailableNumber::phoneNumber).containsExactly("+442079460321");
            assertThat(page.numbers().getFirst().monthlyPrice()).isEqualTo(new Money("1.50", "EUR"));
        }

        @Test
        void sendsOnlyTheLastFourDigitsOfALongerEndingAfterAnAreaCodeAndChecksTheWhole() {
            telnyx.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account, search().areaCode("415").endsWith("552255")
                    .build(), deadline());

            assertThat(onlyRequest().parameter("filter[phone_number][ends_with]")).contains("2255");
            assertThat(page.numbers()).extracting(AvailableNumber::phoneNumber).containsExactly("+14155552255");
        }

        @Test
        void checksContainsOnTheNationalNumberThoughTelnyxMatchesTheCountryCodeToo() {
            // "14" is in +1 4155550123's digits only across the country code.
            telnyx.addInventory(InventoryNumber.of("+14155550123", "US", NumberType.LOCAL).in("CA", null, null));

            assertThat(adapter.searchInventory(account, search().contains("14").build(),
                    deadline()).numbers()).isEmpty();
            assertThat(telnyx.requests().getFirst().parameter("filter[phone_number][contains]")).contains("14");
        }

        @Test
        void leavesOutANearMatchThatWasNotAskedFor() {
            telnyx.injectNext(new EmulatedFault.Respond(200, "application/json",
                    QUICKSTART_ANSWER.replace("\"best_effort\": false", "\"best_effort\": true"), Map.of()));

            assertThat(adapter.searchInventory(account, search().build(), deadline()).numbers()).isEmpty();
        }

        @Test
        void marksTelnyxsNearMatchesAndKeepsThemThoughElsewhere() {
            telnyx.withSampleInventory();

            AvailableNumbersPage page = adapter.searchInventory(account, search().locality("Atlantis").bestEffort()
                    .build(), deadline());

            assertThat(page.numbers()).isNotEmpty().allSatisfy(n -> {
                assertThat(n.bestEffortMatch()).isTrue();
                assertThat(n.locality()).isNull(); // not the search's locality: a near match lies elsewhere
            });
        }

        @ParameterizedTest
        @ValueSource(strings = {"postal_code", "exclude_address_required", "region_outside_north_america",
                "unknown_region", "best_effort_outside_north_america", "area_code_letters"})
        void refusesWhatTelnyxCannotHonourWithoutCallingIt(String what) {
            SearchDraft draft = switch (what) {
                case "postal_code" -> search().postalCode("94105");
                case "exclude_address_required" -> search().excludeAddressRequired();
                case "region_outside_north_america" -> search().country("GB").region("England");
                case "unknown_region" -> search().region("Narnia");
                case "best_effort_outside_north_america" -> search().country("GB").bestEffort();
                default -> search().areaCode("4l5");
            };
            String filter = switch (what) {
                case "region_outside_north_america", "unknown_region" -> "region";
                case "best_effort_outside_north_america" -> "best_effort";
                case "area_code_letters" -> "area_code";
                default -> what;
            };

            Throwable refused = catchThrowable(() -> adapter.searchInventory(account, draft.build(), deadline()));

            assertThat(refused).isInstanceOfSatisfying(UnsupportedSearch.class, u -> {
                assertThat(u.filter()).isEqualTo(filter);
                assertThat(u.provider()).isEqualTo(TelephonyProviderName.TELNYX);
            });
            assertThat(telnyx.requestCount()).isZero();
        }
    }

    @Nested
    class OwnedNumbers {

        @Test
        void readsLegacyTypesAndLeavesOutNumbersNoLongerHeld() {
            telnyx.addOwned(KEY,
                    OwnedNumber.of("+14155550100", "US", NumberType.LOCAL).withId("1293384261075731499"),
                    OwnedNumber.of("+12125550111", "US", NumberType.LOCAL).wireType("longcode"),
                    OwnedNumber.of("+18005550100", "US", NumberType.TOLL_FREE).wireType("tollfree"),
                    OwnedNumber.of("+13125550199", "US", NumberType.LOCAL).status("deleted"),
                    OwnedNumber.of("+13125550198", "US", NumberType.LOCAL).status("purchase-pending"));

            AvailableNumbersPage local = adapter.searchOwned(account, owned().build(), deadline());
            AvailableNumbersPage tollFree = adapter.searchOwned(account, owned().type(NumberType.TOLL_FREE).build(),
                    deadline());

            assertThat(local.numbers()).extracting(AvailableNumber::phoneNumber)
                    .containsExactlyInAnyOrder("+14155550100", "+12125550111");
            assertThat(local.numbers()).filteredOn(n -> n.phoneNumber().equals("+14155550100")).singleElement()
                    .satisfies(n -> assertThat(n.providerNumberId()).isEqualTo("1293384261075731499"));
            assertThat(tollFree.numbers()).extracting(AvailableNumber::phoneNumber).containsExactly("+18005550100");
            assertThat(telnyx.requests().getFirst().parameter("filter[number_type][eq]")).contains("local");
            assertThat(telnyx.requests().getFirst().parameter("filter[country_iso_alpha2]")).contains("US");
        }

        @Test
        void sendsThePrefixAsDigitsOnlyForTelnyxsPartialMatch() {
            telnyx.addOwned(KEY, OwnedNumber.of("+14155550100", "US", NumberType.LOCAL),
                    OwnedNumber.of("+12125550111", "US", NumberType.LOCAL));

            AvailableNumbersPage page = adapter.searchOwned(account, owned().areaCode("415").build(), deadline());

            assertThat(onlyRequest().parameter("filter[phone_number]")).contains("1415");
            assertThat(page.numbers()).extracting(AvailableNumber::phoneNumber).containsExactly("+14155550100");
        }

        @Test
        void followsTelnyxsPagesUntilAMatchBeyondTheLimitOrTheLastPage() {
            OwnedNumber[] many = IntStream.range(0, 300)
                    .mapToObj(i -> OwnedNumber.of("+1415555%04d".formatted(i), "US", NumberType.LOCAL))
                    .toArray(OwnedNumber[]::new);
            telnyx.addOwned(KEY, many);

            // Listed newest first, so the first numbers added are on the second page.
            AvailableNumbersPage page = adapter.searchOwned(account, owned().endsWith("0007").build(), deadline());

            assertThat(page.numbers()).extracting(AvailableNumber::phoneNumber).containsExactly("+14155550007");
            assertThat(page.hasMore()).isFalse();
            assertThat(telnyx.requests()).extracting(r -> r.parameter("page[number]").orElseThrow())
                    .containsExactly("1", "2");
            assertThat(telnyx.requests()).allSatisfy(r -> assertThat(r.parameter("page[size]")).contains("250"));
        }

        @Test
        void saysThereAreMoreWhenAMatchBeyondTheLimitCameBack() {
            telnyx.addOwned(KEY, OwnedNumber.of("+14155550100", "US", NumberType.LOCAL),
                    OwnedNumber.of("+14155550101", "US", NumberType.LOCAL));

            AvailableNumbersPage page = adapter.searchOwned(account, owned().limit(1).build(), deadline());

            assertThat(page.numbers()).hasSize(1);
            assertThat(page.hasMore()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"region", "locality", "postal_code", "capabilities", "exclude_address_required"})
        void refusesWhatTelnyxsRecordsDoNotSayWithoutCallingIt(String filter) {
            SearchDraft draft = switch (filter) {
                case "region" -> owned().region("CA");
                case "locality" -> owned().locality("Chicago");
                case "postal_code" -> owned().postalCode("60601");
                case "capabilities" -> owned().capabilities(Capability.SMS);
                default -> owned().excludeAddressRequired();
            };

            Throwable refused = catchThrowable(() -> adapter.searchOwned(account, draft.build(), deadline()));

            assertThat(refused).isInstanceOfSatisfying(UnsupportedSearch.class,
                    u -> assertThat(u.filter()).isEqualTo(filter));
            assertThat(telnyx.requestCount()).isZero();
        }
    }

    @Nested
    class Faults {

        @Test
        void anUnknownKeyIsRejectedCredentialsNamingTelnyxsCodeNotTheKey() {
            ProviderAccount stranger = account("KEY0190SOMEONE_ELSE_0123456789abcdef");

            Throwable failed = catchThrowable(() -> adapter.searchInventory(stranger, search().build(), deadline()));

            assertThat(failed).isInstanceOf(ProviderFault.RejectedCredentials.class)
                    .hasMessageContaining("10009").hasMessageNotContaining("SOMEONE_ELSE");
        }

        @Test
        void forbiddenIsRejectedCredentialsToo() {
            telnyx.inject(Fault.telnyxError(403, "10010", "Authorization failed",
                    "You do not have permission to perform the requested action."));

            assertThat(catchThrowable(() -> adapter.searchOwned(account, owned().build(), deadline())))
                    .isInstanceOf(ProviderFault.RejectedCredentials.class);
        }

        @Test
        void aBlankKeyIsRejectedWithoutCallingTelnyx() {
            assertThat(catchThrowable(() -> adapter.searchInventory(account(" "), search().build(), deadline())))
                    .isInstanceOf(ProviderFault.RejectedCredentials.class);
            assertThat(telnyx.requestCount()).isZero();
        }

        @Test
        void aRateLimitCarriesTelnyxsRetryAfterInSecondsOrAsADate() {
            Instant now = Instant.parse("2026-11-26T01:00:00Z");
            TelnyxAdapter atNow = adapter(TIMEOUT, telnyx.baseUrl(), Clock.fixed(now, ZoneOffset.UTC));
            try {
                telnyx.injectNext(Fault.rateLimited(Duration.ofSeconds(12)));
                telnyx.injectNext(Fault.telnyxError(429, "10011", "Too many requests", "Slow down.", null,
                        Map.of("Retry-After", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                now.plusSeconds(30).atOffset(ZoneOffset.UTC)))));
                telnyx.injectNext(Fault.rateLimited(null));

                assertThat(List.of(retryAfter(atNow), retryAfter(atNow), retryAfter(atNow))).containsExactly(
                        Duration.ofSeconds(12), Duration.ofSeconds(30), TelnyxApi.DEFAULT_RETRY_AFTER);
            } finally {
                atNow.close();
            }
        }

        @Test
        void aServerErrorIsUnavailableWithTelnyxsCode() {
            telnyx.inject(Fault.serverError());

            assertThat(catchThrowable(() -> adapter.searchInventory(account, search().build(), deadline())))
                    .isInstanceOfSatisfying(ProviderFault.Unavailable.class,
                            u -> assertThat(u.providerCode()).isEqualTo("10007"));
        }

        @Test
        void aProxysHtmlPageIsUnavailableWithoutACode() {
            telnyx.inject(Fault.htmlPage(502));

            assertThat(catchThrowable(() -> adapter.searchInventory(account, search().build(), deadline())))
                    .isInstanceOfSatisfying(ProviderFault.Unavailable.class,
                            u -> assertThat(u.providerCode()).isNull());
        }

        @Test
        void aRefusedFilterNamesTheSearchFilterBehindTelnyxsParameterOrPointer() {
            telnyx.injectNext(Fault.telnyxError(400, "10015", "Bad Request", "Must use 2 letter state/province code.",
                    "filter[administrative_area]", Map.of()));
            telnyx.injectNext(new EmulatedFault.Respond(422, "application/json", """
                    {"errors": [{"code": "10015", "title": "Bad Request", "detail": "Pattern too long",
                      "source": {"pointer": "/filter/phone_number/contains"}}]}""", Map.of()));

            Throwable byParameter = catchThrowable(() -> adapter.searchInventory(account, search().region("CA")
                    .build(), deadline()));
            Throwable byPointer = catchThrowable(() -> adapter.searchInventory(account, search().contains("5555")
                    .build(), deadline()));

            assertThat(byParameter).isInstanceOfSatisfying(ProviderFault.RejectedRequest.class, r -> {
                assertThat(r.filter()).isEqualTo("region");
                assertThat(r.providerCode()).isEqualTo("10015");
                assertThat(r.getMessage()).contains("Must use 2 letter state/province code");
            });
            assertThat(byPointer).isInstanceOfSatisfying(ProviderFault.RejectedRequest.class,
                    r -> assertThat(r.filter()).isEqualTo("contains"));
        }

        @Test
        void aListTelnyxSaysIsMissingIsUnavailable() {
            telnyx.inject(Fault.telnyxError(404, "10005", "Resource not found",
                    "The requested resource or URL could not be found."));

            assertThat(catchThrowable(() -> adapter.searchOwned(account, owned().build(), deadline())))
                    .isInstanceOfSatisfying(ProviderFault.Unavailable.class,
                            u -> assertThat(u.providerCode()).isEqualTo("10005"));
        }

        @Test
        void aRefusedConnectionIsUnavailable() throws IOException {
            URI closed;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
            }
            try (TelnyxAdapter nowhere = adapter(TIMEOUT, closed, Clock.systemUTC())) {
                assertThat(catchThrowable(() -> nowhere.searchInventory(account, search().build(), deadline())))
                        .isInstanceOf(ProviderFault.Unavailable.class);
            }
        }

        @Test
        void aBodyThatStallsHalfwayTimesOutAtTheDeadline() {
            telnyx.withSampleInventory();
            telnyx.inject(new EmulatedFault.StallMidBody(Duration.ofSeconds(30)));
            try (TelnyxAdapter impatient = adapter(Duration.ofMillis(400), telnyx.baseUrl(), Clock.systemUTC())) {
                long started = System.nanoTime();
                Throwable failed = catchThrowable(() -> impatient.searchInventory(account, search().build(),
                        Deadline.after(Duration.ofMillis(400))));
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(failed).isInstanceOf(ProviderFault.TimedOut.class);
                assertThat(took).isLessThan(Duration.ofMillis(400 + 1_000));
            }
        }

        @Test
        void aConnectionClosedMidBodyIsUnavailable() {
            telnyx.withSampleInventory();
            telnyx.inject(new EmulatedFault.CloseMidBody());

            assertThat(catchThrowable(() -> adapter.searchInventory(account, search().build(), deadline())))
                    .isInstanceOf(ProviderFault.Unavailable.class);
        }

        private Duration retryAfter(TelnyxAdapter on) {
            Throwable failed = catchThrowable(() -> on.searchInventory(account, search().build(), deadline()));
            assertThat(failed).isInstanceOf(ProviderFault.RateLimited.class);
            return ((ProviderFault.RateLimited) failed).retryAfter();
        }
    }

    @Nested
    class Buying {

        @Test
        void ordersTheNumberOnceAndPollsThePendingOrderUntilItSucceeds() {
            telnyx.withSampleInventory().ordersPendingFor(3);

            AvailableNumber bought = adapter.buy(account, "+14155550123", deadline());

            assertThat(bought.phoneNumber()).isEqualTo("+14155550123");
            assertThat(bought.providerNumberId()).isNotBlank();
            assertThat(bought.country()).isEqualTo("US");
            assertThat(bought.type()).isEqualTo(NumberType.LOCAL);
            List<ReceivedRequest> requests = telnyx.requests();
            assertThat(requests).filteredOn(r -> r.method().equals("POST")).singleElement().satisfies(post -> {
                assertThat(post.path()).isEqualTo("/v2/number_orders");
                assertThat(post.body()).isEqualTo("{\"phone_numbers\":[{\"phone_number\":\"+14155550123\"}]}");
            });
            assertThat(requests).filteredOn(r -> r.path().startsWith("/v2/number_orders/")).hasSize(3);
            assertThat(adapter.findOwned(account, "+14155550123", deadline())).map(AvailableNumber::providerNumberId)
                    .contains(bought.providerNumberId());
        }

        @Test
        void anOrderStillPendingAtTheDeadlineTimesOut() {
            telnyx.withSampleInventory().ordersPendingFor(1_000);
            try (TelnyxAdapter impatient = adapter(Duration.ofMillis(700), telnyx.baseUrl(), Clock.systemUTC())) {
                long started = System.nanoTime();
                Throwable failed = catchThrowable(() -> impatient.buy(account, "+14155550123",
                        Deadline.after(Duration.ofMillis(700))));
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(failed).isInstanceOf(ProviderFault.TimedOut.class);
                assertThat(took).isLessThan(Duration.ofMillis(700 + 750));
            }
        }

        @Test
        void aFailedOrderIsNumberNotOnSale() {
            telnyx.injectNext(new EmulatedFault.Respond(200, "application/json", """
                    {"data": {"id": "12ade33a-21c0-473b-b055-b3c836e1c292", "record_type": "number_order",
                      "status": "failure", "phone_numbers": [{"phone_number": "+14155550123", "status": "failure"}]}}""",
                    Map.of()));

            assertThat(catchThrowable(() -> adapter.buy(account, "+14155550123", deadline())))
                    .isInstanceOfSatisfying(ProviderFault.NumberNotOnSale.class,
                            f -> assertThat(f.phoneNumber()).isEqualTo("+14155550123"));
        }

        @Test
        void aNumberTelnyxDoesNotSellIsNumberNotOnSale() {
            assertThat(catchThrowable(() -> adapter.buy(account, "+12129580100", deadline())))
                    .isInstanceOf(ProviderFault.NumberNotOnSale.class);
            assertThat(catchThrowable(() -> adapter.buy(account, "not a number", deadline())))
                    .isInstanceOf(ProviderFault.NumberNotOnSale.class);
        }

        @Test
        void findsAnOwnedNumberByItsDigitsAmongPartialMatches() {
            telnyx.addOwned(KEY, OwnedNumber.of("+14155550100", "US", NumberType.LOCAL).withId("1"),
                    OwnedNumber.of("+14155550100", "US", NumberType.LOCAL).withId("2").status("deleted"),
                    OwnedNumber.of("+114155550100", "US", NumberType.LOCAL).withId("3"),
                    OwnedNumber.of("+18005550100", "US", NumberType.TOLL_FREE).wireType("tollfree").withId("4"));

            assertThat(adapter.findOwned(account, "+14155550100", deadline())).map(AvailableNumber::providerNumberId)
                    .contains("1");
            assertThat(adapter.findOwned(account, "+18005550100", deadline())).map(AvailableNumber::type)
                    .contains(NumberType.TOLL_FREE);
            assertThat(telnyx.requests().getFirst().parameter("filter[phone_number]")).contains("14155550100");
        }

        @Test
        void releasesANumberOfALegacyTypeFoundByItsNumber() {
            telnyx.addOwned(KEY, OwnedNumber.of("+12125550111", "US", NumberType.LOCAL).wireType("longcode"));

            adapter.release(account, "+12125550111", null, deadline());

            assertThat(telnyx.requests()).extracting(ReceivedRequest::method).containsExactly("GET", "DELETE");
            assertThat(adapter.findOwned(account, "+12125550111", deadline())).isEmpty();
        }

        @Test
        void releasesByIdAndTreatsANumberTelnyxNoLongerHasAsReleased() {
            telnyx.addOwned(KEY, OwnedNumber.of("+14155550100", "US", NumberType.LOCAL).withId("1293384261075731499"));

            adapter.release(account, "+14155550100", "1293384261075731499", deadline());
            // Telnyx: 404, already released
            adapter.release(account, "+14155550100", "1293384261075731499", deadline());

            assertThat(telnyx.requests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
                    "DELETE /v2/phone_numbers/1293384261075731499", "DELETE /v2/phone_numbers/1293384261075731499");
            assertThat(adapter.findOwned(account, "+14155550100", deadline())).isEmpty();
        }
    }

    static TelnyxAdapter adapter(Duration timeout, URI baseUrl, Clock clock) {
        return new TelnyxAdapter(ProviderSettings.adapter(TelephonyProviderName.TELNYX, timeout, baseUrl), clock);
    }

    static ProviderAccount account(String apiKey) {
        return new ProviderAccount(UUID.nameUUIDFromBytes(apiKey.getBytes(StandardCharsets.UTF_8)),
                new ProviderCredentials.Telnyx(apiKey));
    }

    ReceivedRequest onlyRequest() {
        assertThat(telnyx.requests()).hasSize(1);
        return telnyx.requests().getFirst();
    }
}
