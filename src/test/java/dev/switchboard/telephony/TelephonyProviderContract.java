package dev.switchboard.telephony;

import static dev.switchboard.telephony.SearchDraft.owned;
import static dev.switchboard.telephony.SearchDraft.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link TelephonyProvider} must do, written once: each adapter's test class extends this and hands it the
 * adapter, an account that works, what that account owns, sample filter values that match the provider's numbers,
 * and (where the provider can fail) a way to make it fail. A provider is done when it passes; a filter added here
 * reaches every provider.
 *
 * <p>Searches run in US numbers, local unless a test asks for toll-free. Every page any test gets back is checked
 * for what the port promises of every answer (see {@link #run}): at most {@code limit} distinct E.164 numbers of the
 * country and type asked, well-formed fields, no best-effort mark unless asked, and a total consistent with
 * {@code hasMore}. A filter is either applied to every number returned, or refused with {@link UnsupportedSearch}
 * naming exactly that filter key; it is never silently ignored.
 *
 * <p>The subclass seeds what its provider holds in its own {@code @BeforeEach}, which JUnit runs before each test
 * here, or relies on the provider's fixed catalogue. The buying tests change what the provider holds (a number
 * bought leaves the inventory, a number released leaves the account), so that {@code @BeforeEach} must also give
 * every test the provider's state afresh: a new or reset emulator, an emptied sandbox.
 *
 * <p>Buying, finding and releasing ({@link TelephonyProvider#buy}, {@link TelephonyProvider#findOwned}, {@link
 * TelephonyProvider#release}) need nothing more from the subclass than searching does: the contract buys the first
 * US local number that {@code searchInventory} offers with the default search (so the provider must have one on
 * sale that it really sells), and releases numbers of {@link #ownedNumbers}. Two hooks have defaults that fit most
 * providers: {@link #numberNeverOnSale()} (a number the provider must refuse to sell) and {@link
 * #ownedNumbersCarryProviderIds()} (false for a provider, such as Vonage, that has no id of its own for a number).
 * The fault tests run each of the three operations under each fault of {@link Faults}, injected after the test has
 * found the number it needs, and expect the same typed faults as a search.
 */
public abstract class TelephonyProviderContract {

    /** The deadline the hang test gives the adapter: short, so the test is quick. */
    protected static final Duration SHORT_DEADLINE = Duration.ofMillis(500);

    /** The deadline of every other call: generous, as the machine running the tests may be busy. */
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    /** How late after its deadline a timed-out call may still return: scheduling, not waiting. */
    private static final Duration DEADLINE_MARGIN = Duration.ofMillis(750);

    /** In the North American Numbering Plan no exchange (NXX) starts with 0, so no number ends like this. */
    private static final String NO_SUCH_ENDING = "0000000";

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern NANP = Pattern.compile("\\+1[2-9]\\d{2}[2-9]\\d{6}");
    private static final Set<String> TOLL_FREE_PREFIXES = Set.of("800", "833", "844", "855", "866", "877", "888");
    private static final Set<String> ADDRESS_REQUIREMENTS = Set.of("none", "any", "local", "foreign");
    private static final int MAX = AvailableNumberSearch.MAX_LIMIT;

    /** The deadline of one call, as the resilience layer would give it. */
    protected static Deadline deadline() {
        return Deadline.after(DEADLINE);
    }

    // --- what the subclass hands the contract ---------------------------------------------------------------------

    /** The adapter under test, ready to answer. */
    protected abstract TelephonyAdapter provider();

    /** An account of the provider whose credentials it accepts. */
    protected abstract ProviderAccount account();

    /**
     * For each key of API.md's {@code filters} that the provider applies to numbers on sale, a value (as the API
     * writes it: {@code "sms,mms"} for capabilities, {@code "true"} for a flag) that some but not all of the US local
     * numbers it holds match. A key given is a claim: the contract then requires numbers back, and requires that the
     * search without the filter finds numbers the filter leaves out, so the test cannot pass by finding nothing or
     * by the data happening to match anyway. A key left out: the contract still tries the filter with a value of its
     * own and accepts a refusal naming it.
     */
    protected abstract Map<String, String> samples();

    /** The US numbers of this type ({@code local} or {@code toll_free}) that {@link #account()} owns, in E.164. */
    protected abstract Set<String> ownedNumbers(NumberType type);

    /** A way to make the provider fail, or empty for a provider that cannot (the fault tests are then skipped). */
    protected abstract Optional<Faults> faults();

    /**
     * A US number (E.164) that the provider does not sell and the account does not own, which {@code buy} must
     * refuse with {@link ProviderFault.NumberNotOnSale}. By default {@code +12129580100}: exchange 958 is reserved
     * for plant tests in the North American Numbering Plan, so no provider sells from it. Override it when the
     * provider's emulator can only tell "not on sale" for some other number.
     */
    protected String numberNeverOnSale() {
        return "+12129580100";
    }

    /**
     * Whether the provider gives each owned number an id of its own ({@link AvailableNumber#providerNumberId()}):
     * Twilio's {@code PN...} SID, Telnyx's phone number id, the sandbox's {@code SB...}. Vonage has none and
     * overrides this with false; the contract then requires the id to be null on every owned number instead.
     */
    protected boolean ownedNumbersCarryProviderIds() {
        return true;
    }

    /** What can go wrong at the provider, made to happen on demand for the rest of one test. */
    public interface Faults {

        /** The provider no longer accepts the credentials of {@link #account()}. */
        void rejectCredentials();

        /** The provider rate-limits every call, asking to be called again after {@code retryAfter}. */
        void rateLimit(Duration retryAfter);

        /** The provider answers with a server error (5xx). */
        void serverError();

        /** The provider answers successfully with a body that cannot be read. */
        void malformedBody();

        /** The provider closes the connection without answering. */
        void dropConnection();

        /**
         * The provider stops answering. Returns the adapter under test set to give up after {@code deadline}; the
         * subclass closes it after the test.
         */
        TelephonyAdapter hang(Duration deadline);
    }

    // --- the filters of API.md --------------------------------------------------------------------------------------

    /**
     * One key of API.md's {@code filters} as the contract tries it.
     *
     * @param ask how a search asks for a value
     * @param satisfiedBy whether a number found satisfies the filter with that value
     * @param valueOf the value an owned number would be found by, or null when the number does not tell it
     * @param fallback a value to try when the provider names none (a filter it may refuse)
     */
    protected record Filter(
            String key,
            BiFunction<SearchDraft, String, SearchDraft> ask,
            BiPredicate<AvailableNumber, String> satisfiedBy,
            Function<AvailableNumber, @Nullable String> valueOf,
            String fallback) {

        @Override
        public String toString() {
            return key;
        }
    }

    protected static final Filter AREA_CODE = new Filter("area_code", SearchDraft::areaCode,
            (n, v) -> national(n).startsWith(v), n -> national(n).substring(0, 3), "212");
    protected static final Filter CONTAINS = new Filter("contains", SearchDraft::contains,
            (n, v) -> national(n).contains(v), n -> national(n).substring(4, 8), "42");
    protected static final Filter STARTS_WITH = new Filter("starts_with", SearchDraft::startsWith,
            (n, v) -> national(n).startsWith(v), n -> national(n).substring(0, 6), "2125");
    protected static final Filter ENDS_WITH = new Filter("ends_with", SearchDraft::endsWith,
            (n, v) -> n.phoneNumber().endsWith(v), n -> national(n).substring(6), "00");
    protected static final Filter REGION = new Filter("region", SearchDraft::region,
            (n, v) -> v.equalsIgnoreCase(n.region()), AvailableNumber::region, "NY");
    protected static final Filter LOCALITY = new Filter("locality", SearchDraft::locality,
            (n, v) -> v.equalsIgnoreCase(n.locality()), AvailableNumber::locality, "New York");
    protected static final Filter POSTAL_CODE = new Filter("postal_code", SearchDraft::postalCode,
            (n, v) -> samePostalCode(n.postalCode(), v), AvailableNumber::postalCode, "10001");
    protected static final Filter CAPABILITIES = new Filter("capabilities",
            (s, v) -> s.capabilities(capabilities(v)), (n, v) -> n.capabilities().hasAll(Set.of(capabilities(v))),
            TelephonyProviderContract::capabilitiesOf, "voice,sms");
    protected static final Filter EXCLUDE_ADDRESS_REQUIRED = new Filter("exclude_address_required",
            (s, v) -> s.excludeAddressRequired(), (n, v) -> !n.addressRequired(),
            n -> n.addressRequired() ? null : "true", "true");
    protected static final Filter TYPE = new Filter("type",
            (s, v) -> s.type(NumberType.fromWireName(v).orElseThrow()),
            (n, v) -> n.type().wireName().equals(v) && (n.type() != NumberType.TOLL_FREE || isTollFree(n)),
            n -> n.type().wireName(), "toll_free");

    protected static final List<Filter> FILTERS = List.of(AREA_CODE, CONTAINS, STARTS_WITH, ENDS_WITH, REGION, LOCALITY,
            POSTAL_CODE, CAPABILITIES, EXCLUDE_ADDRESS_REQUIRED, TYPE);

    // --- every answer ---------------------------------------------------------------------------------------------

    @Test
    void answersForTheProviderOfItsAccounts() {
        assertThat(provider().name()).isEqualTo(account().provider());
    }

    @ParameterizedTest
    @EnumSource(NumberSource.class)
    void aDefaultSearchFindsUsLocalNumbers(NumberSource source) {
        AvailableNumbersPage page = run(start(source).build());

        assertThat(page.numbers()).isNotEmpty().allSatisfy(n -> {
            assertThat(n.phoneNumber()).matches(NANP);
            assertThat(isTollFree(n)).as("%s is toll-free", n.phoneNumber()).isFalse();
        });
    }

    @ParameterizedTest
    @EnumSource(NumberSource.class)
    void limitCapsTheNumbersReturnedAndTellsThereAreMore(NumberSource source) {
        AvailableNumbersPage page = run(start(source).limit(1).build());

        assertThat(page.numbers()).hasSize(1);
        assertThat(page.hasMore()).isTrue();
    }

    // --- each filter of API.md on numbers on sale -------------------------------------------------------------------

    @Test
    void areaCodeFindsOnlyNumbersInThatAreaCode() {
        assertAppliedOrRefused(AREA_CODE);
    }

    @Test
    void containsFindsOnlyNumbersWhoseNationalNumberHoldsTheDigits() {
        assertAppliedOrRefused(CONTAINS);
    }

    @Test
    void startsWithFindsOnlyNumbersWhoseNationalNumberStartsWithTheDigits() {
        assertAppliedOrRefused(STARTS_WITH);
    }

    @Test
    void endsWithFindsOnlyNumbersEndingWithTheDigits() {
        assertAppliedOrRefused(ENDS_WITH);
    }

    @Test
    void regionFindsOnlyNumbersInThatRegion() {
        assertAppliedOrRefused(REGION);
    }

    @Test
    void localityFindsOnlyNumbersInThatLocality() {
        assertAppliedOrRefused(LOCALITY);
    }

    @Test
    void postalCodeFindsOnlyNumbersWithThatPostalCode() {
        assertAppliedOrRefused(POSTAL_CODE);
    }

    @Test
    void capabilitiesFindOnlyNumbersWithEveryCapabilityListed() {
        assertAppliedOrRefused(CAPABILITIES);
    }

    @Test
    void excludeAddressRequiredFindsOnlyNumbersNeedingNoAddress() {
        assertAppliedOrRefused(EXCLUDE_ADDRESS_REQUIRED);
    }

    @Test
    void typeTollFreeFindsOnlyTollFreeNumbers() {
        assertAppliedOrRefused(TYPE);
    }

    @Test
    void samplesNameOnlyFiltersOfTheApi() {
        assertThat(FILTERS.stream().map(Filter::key).toList()).containsAll(samples().keySet());
    }

    // --- best effort ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(NumberSource.class)
    void bestEffortOffersOnlyNumbersMarkedAsNearMatchesWhenNothingMatchesExactly(NumberSource source) {
        AvailableNumbersPage exact = runUnlessRefused(ENDS_WITH, start(source).endsWith(NO_SUCH_ENDING).build());
        AvailableNumbersPage nearest = run(start(source).endsWith(NO_SUCH_ENDING).bestEffort().build());

        assertThat(exact.numbers()).isEmpty();
        assertThat(nearest.numbers()).allMatch(AvailableNumber::bestEffortMatch, "marked as a best-effort match");
    }

    @ParameterizedTest
    @EnumSource(NumberSource.class)
    void bestEffortMarksNoNumberWhenExactMatchesExist(NumberSource source) {
        AvailableNumbersPage page = run(start(source).bestEffort().build());

        assertThat(page.numbers()).isNotEmpty().noneMatch(AvailableNumber::bestEffortMatch);
    }

    // --- source: account ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = NumberType.class, names = {"LOCAL", "TOLL_FREE"})
    void anOwnedSearchFindsEveryNumberTheAccountOwnsOfTheTypeAsked(NumberType type) {
        AvailableNumbersPage page = run(owned().type(type).limit(MAX).build());

        assertThat(phoneNumbers(page)).containsExactlyInAnyOrderElementsOf(ownedNumbers(type));
        assertThat(page.hasMore()).isFalse();
    }

    static Stream<Filter> filtersOfOwnedNumbers() {
        return FILTERS.stream().filter(f -> f != TYPE); // the type has its own test above
    }

    /**
     * Each filter, with the value one owned number has (or, where no owned number tells it, the filter's fallback):
     * that number is found, unless the filter is refused, and every number found satisfies the filter.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("filtersOfOwnedNumbers")
    void anOwnedSearchAppliesEachFilter(Filter filter) {
        Optional<AvailableNumber> witness = run(owned().limit(MAX).build()).numbers().stream()
                .filter(n -> filter.valueOf().apply(n) != null)
                .findFirst();
        String value = witness.map(filter.valueOf()).orElse(filter.fallback());

        Optional<AvailableNumbersPage> found = appliedOrRefused(filter, value,
                filter.ask().apply(owned(), value).limit(MAX).build());

        if (witness.isPresent() && found.isPresent()) {
            assertThat(phoneNumbers(found.get())).contains(witness.get().phoneNumber());
        }
    }

    // --- faults -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(NumberSource.class)
    void rejectedCredentialsAreRejectedCredentialsWithoutTheSecret(NumberSource source) {
        faultsOrSkip().rejectCredentials();

        assertThat(failure(provider(), source)).isInstanceOf(ProviderFault.RejectedCredentials.class);
    }

    @ParameterizedTest
    @EnumSource(NumberSource.class)
    void rateLimitingIsRateLimitedCarryingTheProvidersRetryAfter(NumberSource source) {
        faultsOrSkip().rateLimit(Duration.ofSeconds(7));

        assertThat(failure(provider(), source)).isInstanceOfSatisfying(ProviderFault.RateLimited.class,
                limited -> assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    /** The ways a provider breaks down, rather than refusing the call: each must end in {@code Unavailable}. */
    protected enum Breakdown {
        SERVER_ERROR(Faults::serverError),
        MALFORMED_BODY(Faults::malformedBody),
        DROPPED_CONNECTION(Faults::dropConnection);

        private final Consumer<Faults> cause;

        Breakdown(Consumer<Faults> cause) {
            this.cause = cause;
        }
    }

    static Stream<Arguments> breakdownsOfEachSource() {
        return Arrays.stream(Breakdown.values())
                .flatMap(breakdown -> Arrays.stream(NumberSource.values()).map(s -> Arguments.of(breakdown, s)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("breakdownsOfEachSource")
    void aServerErrorMalformedBodyOrDroppedConnectionIsUnavailable(Breakdown breakdown, NumberSource source) {
        breakdown.cause.accept(faultsOrSkip());

        assertThat(failure(provider(), source)).isInstanceOf(ProviderFault.Unavailable.class);
    }

    @ParameterizedTest
    @EnumSource(NumberSource.class)
    void noAnswerWithinTheDeadlineTimesOutSoonAfterIt(NumberSource source) {
        TelephonyAdapter impatient = faultsOrSkip().hang(SHORT_DEADLINE);

        long started = System.nanoTime();
        ProviderFault fault = failure(impatient, SHORT_DEADLINE, source);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(fault).isInstanceOfSatisfying(ProviderFault.TimedOut.class,
                timedOut -> assertThat(timedOut.deadline()).isEqualTo(SHORT_DEADLINE));
        assertThat(took).isBetween(SHORT_DEADLINE, SHORT_DEADLINE.plus(DEADLINE_MARGIN));
    }


    // --- buying, finding and releasing ----------------------------------------------------------------------------

    @Test
    void buyingANumberOnSaleMakesItTheAccountsOwnAndTakesItOffSale() {
        AvailableNumber offered = aNumberOnSale();

        AvailableNumber bought = provider().buy(account(), offered.phoneNumber(), deadline());

        assertOwnedAsBought(bought, offered.phoneNumber());
        assertThat(bought.country()).isEqualTo(offered.country());
        assertThat(bought.type()).isEqualTo(offered.type());
        AvailableNumber found = provider().findOwned(account(), offered.phoneNumber(), deadline()).orElseThrow(
                () -> new AssertionError("findOwned does not find " + offered.phoneNumber() + " just bought"));
        assertOwnedAsBought(found, offered.phoneNumber());
        assertThat(found.providerNumberId()).as("the provider's id, as buy gave it")
                .isEqualTo(bought.providerNumberId());
        assertThat(phoneNumbers(run(owned().limit(MAX).build()))).as("numbers owned after buying")
                .contains(offered.phoneNumber());
        assertThat(phoneNumbers(run(search().limit(MAX).build()))).as("numbers on sale after buying")
                .doesNotContain(offered.phoneNumber());
    }

    @Test
    void buyingANumberNotOnSaleIsNumberNotOnSale() {
        String number = numberNeverOnSale();

        assertNotOnSale(catchThrowable(() -> provider().buy(account(), number, deadline())), number);
        assertThat(provider().findOwned(account(), number, deadline())).isEmpty();
    }

    @Test
    void buyingTheSameNumberTwiceIsNumberNotOnSaleTheSecondTime() {
        String number = aNumberOnSale().phoneNumber();
        AvailableNumber bought = provider().buy(account(), number, deadline());

        assertNotOnSale(catchThrowable(() -> provider().buy(account(), number, deadline())), number);
        // Optional.map drops a null id (Vonage has none), so compare the ids only where the provider gives them.
        assertThat(provider().findOwned(account(), number, deadline())).as("the first purchase stands")
                .hasValueSatisfying(found -> assertThat(found.providerNumberId()).isEqualTo(bought.providerNumberId()));
    }

    /**
     * The kinds of geographic number the provider sells in the US and a {@code local} search must find (Vonage: its
     * {@code landline} and its {@code mobile-lvn} stock).
     */
    protected Set<NumberType> geographicKindsOnSaleInTheUs() {
        return Set.of(NumberType.LOCAL);
    }

    @Test
    void aLocalSearchFindsGeographicNumbersOfEveryKindTheProviderSells() {
        AvailableNumbersPage page = run(SearchDraft.search().limit(MAX).build());
        assertThat(page.numbers().stream().map(AvailableNumber::type).collect(java.util.stream.Collectors.toSet()))
                .as("kinds of number a local search found").containsAll(geographicKindsOnSaleInTheUs());
    }

    /** Numbers the account owns outside the US (each adapter's account owns a Toronto number). */
    protected Set<String> ownedNumbersOutsideTheUs() {
        return Set.of();
    }

    @Test
    void anAccountSearchWithoutFiltersReturnsEveryOwnedNumberWhateverItsCountryAndType() {
        var every = new java.util.HashSet<String>();
        every.addAll(ownedNumbers(NumberType.LOCAL));
        every.addAll(ownedNumbers(NumberType.TOLL_FREE));
        every.addAll(ownedNumbersOutsideTheUs());
        AvailableNumbersPage page = run(SearchDraft.owned().anyCountryAndType().limit(MAX).build());
        assertThat(phoneNumbers(page)).as("every number the account owns").containsExactlyInAnyOrderElementsOf(every);
        assertThat(page.numbers()).filteredOn(n -> ownedNumbers(NumberType.TOLL_FREE).contains(n.phoneNumber()))
                .allSatisfy(n -> assertThat(n.type()).isEqualTo(NumberType.TOLL_FREE));
        assertThat(page.numbers()).filteredOn(n -> ownedNumbersOutsideTheUs().contains(n.phoneNumber()))
                .allSatisfy(n -> assertThat(n.country()).isNotEqualTo("US"));
    }

    @Test
    void findOwnedOfANumberTheAccountDoesNotOwnIsEmpty() {
        assertThat(provider().findOwned(account(), numberNeverOnSale(), deadline())).isEmpty();
        assertThat(provider().findOwned(account(), aNumberOnSale().phoneNumber(),
                deadline())).as("a number on sale, not bought")
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = NumberType.class, names = {"LOCAL", "TOLL_FREE"})
    void findOwnedFindsEveryNumberTheAccountOwns(NumberType type) {
        assertThat(ownedNumbers(type)).allSatisfy(number -> assertThat(provider().findOwned(account(), number,
                deadline()))
                .as("findOwned(%s)", number)
                .hasValueSatisfying(found -> {
                    assertOwnedAsBought(found, number);
                    assertThat(found.type()).isEqualTo(type);
                }));
    }

    @Test
    void releasingABoughtNumberTakesItFromTheAccountAndReleasingAgainSucceeds() {
        String number = aNumberOnSale().phoneNumber();
        AvailableNumber bought = provider().buy(account(), number, deadline());

        provider().release(account(), number, bought.providerNumberId(), deadline());

        assertThat(provider().findOwned(account(), number, deadline())).as("findOwned after release").isEmpty();
        assertThat(phoneNumbers(run(owned().limit(MAX).build()))).as("numbers owned after release")
                .doesNotContain(number);
        provider().release(account(), number, bought.providerNumberId(), deadline());
        provider().release(account(), number, null, deadline());
        assertThat(provider().findOwned(account(), number, deadline())).isEmpty();
    }

    @Test
    void releasingWithoutTheProvidersIdReleasesTheNumberTheAccountOwns() {
        String number = ownedNumbers(NumberType.LOCAL).iterator().next();

        provider().release(account(), number, null, deadline());

        assertThat(provider().findOwned(account(), number, deadline())).as("findOwned after release").isEmpty();
        assertThat(phoneNumbers(run(owned().limit(MAX).build()))).doesNotContain(number);
        assertThat(phoneNumbers(run(owned().type(NumberType.TOLL_FREE).limit(MAX).build())))
                .as("the account's other numbers stay").containsExactlyInAnyOrderElementsOf(
                        ownedNumbers(NumberType.TOLL_FREE));
    }

    @Test
    void releasingANumberTheAccountNeverOwnedSucceeds() {
        provider().release(account(), numberNeverOnSale(), null, deadline());

        assertThat(phoneNumbers(run(owned().limit(MAX).build())))
                .containsExactlyInAnyOrderElementsOf(ownedNumbers(NumberType.LOCAL));
    }

    /** The three operations on one number, as the fault tests run them: each finds what it needs before the fault. */
    protected enum Operation {
        BUY, FIND_OWNED, RELEASE
    }

    /** One operation, ready to run against the provider under test or the impatient one of the hang test. */
    private interface Prepared {
        void runAgainst(TelephonyAdapter provider, Deadline deadline);
    }

    private Prepared prepare(Operation operation) {
        return switch (operation) {
            case BUY -> {
                String number = aNumberOnSale().phoneNumber();
                yield (provider, deadline) -> provider.buy(account(), number, deadline);
            }
            case FIND_OWNED -> {
                String number = ownedNumbers(NumberType.LOCAL).iterator().next();
                yield (provider, deadline) -> provider.findOwned(account(), number, deadline);
            }
            case RELEASE -> {
                String number = ownedNumbers(NumberType.LOCAL).iterator().next();
                @Nullable String id = provider().findOwned(account(), number,
                        deadline()).map(AvailableNumber::providerNumberId)
                        .orElse(null);
                yield (provider, deadline) -> provider.release(account(), number, id, deadline);
            }
        };
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void rejectedCredentialsOnBuyFindOrReleaseAreRejectedCredentialsWithoutTheSecret(Operation operation) {
        Faults faults = faultsOrSkip();
        Prepared prepared = prepare(operation);
        faults.rejectCredentials();

        assertThat(failure(provider(), prepared)).isInstanceOf(ProviderFault.RejectedCredentials.class);
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void rateLimitingOfBuyFindOrReleaseIsRateLimitedCarryingTheProvidersRetryAfter(Operation operation) {
        Faults faults = faultsOrSkip();
        Prepared prepared = prepare(operation);
        faults.rateLimit(Duration.ofSeconds(7));

        assertThat(failure(provider(), prepared)).isInstanceOfSatisfying(ProviderFault.RateLimited.class,
                limited -> assertThat(limited.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    static Stream<Arguments> breakdownsOfEachOperation() {
        return Arrays.stream(Breakdown.values())
                .flatMap(breakdown -> Arrays.stream(Operation.values()).map(o -> Arguments.of(breakdown, o)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("breakdownsOfEachOperation")
    void aBreakdownDuringBuyFindOrReleaseIsUnavailable(Breakdown breakdown, Operation operation) {
        Faults faults = faultsOrSkip();
        Prepared prepared = prepare(operation);
        breakdown.cause.accept(faults);

        assertThat(failure(provider(), prepared)).isInstanceOf(ProviderFault.Unavailable.class);
    }

    @ParameterizedTest
    @EnumSource(Operation.class)
    void noAnswerToBuyFindOrReleaseWithinTheDeadlineTimesOutSoonAfterIt(Operation operation) {
        Faults faults = faultsOrSkip();
        Prepared prepared = prepare(operation);
        TelephonyAdapter impatient = faults.hang(SHORT_DEADLINE);

        long started = System.nanoTime();
        ProviderFault fault = failure(impatient, SHORT_DEADLINE, prepared);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(fault).isInstanceOfSatisfying(ProviderFault.TimedOut.class,
                timedOut -> assertThat(timedOut.deadline()).isEqualTo(SHORT_DEADLINE));
        assertThat(took).isBetween(SHORT_DEADLINE, SHORT_DEADLINE.plus(DEADLINE_MARGIN));
    }

    /** The first US local number the default search offers: what a customer would buy. */
    protected AvailableNumber aNumberOnSale() {
        List<AvailableNumber> offered = run(search().build()).numbers();
        assertThat(offered).as("US local numbers on sale, for the buying tests").isNotEmpty();
        return offered.getFirst();
    }

    private void assertOwnedAsBought(AvailableNumber owned, String phoneNumber) {
        assertThat(owned.phoneNumber()).isEqualTo(phoneNumber);
        assertThat(owned.bestEffortMatch()).as("an owned number marked best effort").isFalse();
        assertThat(owned.capabilities()).isNotNull();
        assertThat(owned.addressRequirements()).isIn(ADDRESS_REQUIREMENTS);
        assertThat(owned.providerNumberId() != null).as("whether owned %s has the provider's id", phoneNumber)
                .isEqualTo(ownedNumbersCarryProviderIds());
        if (owned.providerNumberId() != null) {
            assertThat(owned.providerNumberId()).isNotBlank();
        }
    }

    private void assertNotOnSale(Throwable failed, String phoneNumber) {
        assertThat(failed).as("buying %s", phoneNumber).isInstanceOfSatisfying(ProviderFault.NumberNotOnSale.class,
                notOnSale -> {
                    assertThat(notOnSale.phoneNumber()).isEqualTo(phoneNumber);
                    assertThat(notOnSale.provider()).isEqualTo(provider().name());
                });
    }

    // --- how the contract checks ----------------------------------------------------------------------------------

    /**
     * Runs a search at the provider under test (owned or on sale, as the search says) and checks what the port
     * promises of every answer.
     */
    protected AvailableNumbersPage run(AvailableNumberSearch search) {
        return run(provider(), search, deadline());
    }

    private AvailableNumbersPage run(TelephonyAdapter provider, AvailableNumberSearch search, Deadline deadline) {
        boolean owned = search.source() == NumberSource.ACCOUNT;
        AvailableNumbersPage page = owned
                ? provider.searchOwned(account(), search, deadline)
                : provider.searchInventory(account(), search, deadline);

        assertThat(page.numbers()).as("numbers found, at most the limit of %d", search.limit())
                .hasSizeLessThanOrEqualTo(search.limit())
                .doesNotHaveDuplicates()
                .allSatisfy(n -> {
                    assertThat(n.phoneNumber()).matches(E164);
                    if (search.country() != null) {
                        assertThat(n.country()).as("country of %s", n.phoneNumber()).isEqualTo(search.country());
                    }
                    assertThat(n.country()).as("country of %s", n.phoneNumber()).matches("[A-Z]{2}");
                    assertThat(n.type()).as("type of %s", n.phoneNumber()).isNotNull();
                    // API.md: in the NANP a provider's "mobile" geographic numbers (Vonage's mobile-lvn) are local
                    if (search.type() == null) {
                        // an owned-numbers search of every type: each number says its own
                    } else if (search.type() == NumberType.LOCAL && n.phoneNumber().startsWith("+1")) {
                        assertThat(n.type()).as("type of %s", n.phoneNumber()).isIn(NumberType.LOCAL,
                                NumberType.MOBILE);
                    } else {
                        assertThat(n.type()).as("type of %s", n.phoneNumber()).isEqualTo(search.type());
                    }
                    assertThat(n.capabilities()).isNotNull();
                    assertThat(n.addressRequirements()).isIn(ADDRESS_REQUIREMENTS);
                    if (!search.bestEffort()) {
                        assertThat(n.bestEffortMatch()).as("%s marked best effort unasked", n.phoneNumber()).isFalse();
                    }
                    assertThat(n.providerNumberId() != null).as("whether %s has the provider's id, as owned ones do",
                            n.phoneNumber()).isEqualTo(owned && ownedNumbersCarryProviderIds());
                });
        Long total = page.providerTotal();
        if (total != null) {
            assertThat(total).as("the provider's total").isGreaterThanOrEqualTo(page.numbers().size());
            assertThat(page.hasMore()).as("hasMore, with a total of %d", total)
                    .isEqualTo(total > page.numbers().size());
        }
        return page;
    }

    /**
     * The filter with the provider's sample value, or if it names none the filter's fallback: applied to every
     * number found or refused naming it; and for a sample, applied to numbers that exist and not to all of them.
     */
    private void assertAppliedOrRefused(Filter filter) {
        @Nullable String sample = samples().get(filter.key());
        String value = sample != null ? sample : filter.fallback();

        Optional<AvailableNumbersPage> found = appliedOrRefused(filter, value, filter.ask().apply(search(), value).build());

        if (sample != null) {
            assertThat(found).as("%s gives %s=%s as a sample it applies, yet refused it", provider().name(),
                    filter.key(), sample).isPresent();
            assertThat(found.get().numbers()).as("numbers found with the sample %s=%s", filter.key(), sample)
                    .isNotEmpty();
            assertThat(run(search().limit(MAX).build()).numbers())
                    .as("numbers found without %s that %s=%s leaves out: without them the test cannot tell an "
                            + "applied filter from an ignored one", filter.key(), filter.key(), sample)
                    .anyMatch(n -> !filter.satisfiedBy().test(n, sample));
        }
    }

    /**
     * Runs a search with the filter: either the provider refuses it with {@link UnsupportedSearch} naming exactly
     * that filter (empty), or every number it finds satisfies the filter (the page).
     */
    private Optional<AvailableNumbersPage> appliedOrRefused(Filter filter, String value, AvailableNumberSearch search) {
        AvailableNumbersPage page;
        try {
            page = run(search);
        } catch (UnsupportedSearch refused) {
            assertThat(refused.filter()).as("the filter named by the refusal").isEqualTo(filter.key());
            assertThat(refused.provider()).isEqualTo(provider().name());
            return Optional.empty();
        }
        assertThat(page.numbers()).as("numbers found with %s=%s", filter.key(), value)
                .allMatch(n -> filter.satisfiedBy().test(n, value), "satisfy " + filter.key() + "=" + value);
        return Optional.of(page);
    }

    private AvailableNumbersPage runUnlessRefused(Filter filter, AvailableNumberSearch search) {
        try {
            return run(search);
        } catch (UnsupportedSearch refused) {
            assertThat(refused.filter()).isEqualTo(filter.key());
            return Assumptions.abort(provider().name() + " refuses " + filter.key() + ", which this test needs");
        }
    }

    private Faults faultsOrSkip() {
        Optional<Faults> faults = faults();
        Assumptions.assumeTrue(faults.isPresent(),
                () -> provider().name() + " has no fault injector (it cannot fail), so fault tests do not apply");
        return faults.orElseThrow();
    }

    /**
     * The fault a default search ends in, checked for what every fault must be: the port's typed fault, naming the
     * provider, with no secret of the account's credentials in any message of it or its causes.
     */
    private ProviderFault failure(TelephonyAdapter provider, NumberSource source) {
        return failure(provider, DEADLINE, source);
    }

    private ProviderFault failure(TelephonyAdapter provider, Duration budget, NumberSource source) {
        return failure(provider, budget, (p, deadline) -> run(p, start(source).build(), deadline));
    }

    private ProviderFault failure(TelephonyAdapter provider, Prepared operation) {
        return failure(provider, DEADLINE, operation);
    }

    private ProviderFault failure(TelephonyAdapter provider, Duration budget, Prepared operation) {
        Throwable failed = catchThrowable(() -> operation.runAgainst(provider, Deadline.after(budget)));

        assertThat(failed).isInstanceOf(ProviderFault.class);
        ProviderFault fault = (ProviderFault) failed;
        assertThat(fault.provider()).isEqualTo(provider.name());
        for (Throwable t = fault; t != null; t = t.getCause()) {
            for (String secret : secretsOf(account().credentials())) {
                assertThat(String.valueOf(t.getMessage())).as("a fault's message").doesNotContain(secret);
                assertThat(t.toString()).as("a fault").doesNotContain(secret);
            }
        }
        return fault;
    }

    private static List<String> secretsOf(ProviderCredentials credentials) {
        return switch (credentials) {
            case ProviderCredentials.Sandbox sandbox -> List.of();
            case ProviderCredentials.Twilio twilio -> List.of(twilio.authToken());
            case ProviderCredentials.Telnyx telnyx -> List.of(telnyx.apiKey());
            case ProviderCredentials.Vonage vonage -> List.of(vonage.apiKey(), vonage.apiSecret());
        };
    }

    private static SearchDraft start(NumberSource source) {
        return search().source(source);
    }

    protected static List<String> phoneNumbers(AvailableNumbersPage page) {
        return page.numbers().stream().map(AvailableNumber::phoneNumber).toList();
    }

    /** The ten digits after {@code +1}: every number the contract asks for is a US one. */
    private static String national(AvailableNumber number) {
        assertThat(number.phoneNumber()).as("a US number").startsWith("+1").hasSize(12);
        return number.phoneNumber().substring(2);
    }

    private static boolean isTollFree(AvailableNumber number) {
        return TOLL_FREE_PREFIXES.contains(national(number).substring(0, 3));
    }

    // --- routing (issue 17) ------------------------------------------------------------------------------------------

    /**
     * What this provider routes a number by: a voice and an SMS URL for Twilio and the sandbox, a connection
     * (application) id for Telnyx, an application id for Vonage. Override for a provider routed otherwise.
     */
    protected RoutingTarget routingTarget() {
        return switch (provider().name()) {
            case TELNYX -> new RoutingTarget(null, null, "1684641123236054244");
            case VONAGE -> new RoutingTarget(null, null, "bbbbbbbb-cccc-dddd-eeee-0123456789ab");
            default -> new RoutingTarget("https://voice.example.com/inbound?number=%2B1&agent=a1",
                    "https://voice.example.com/sms", null);
        };
    }

    /** The fields of {@code before} that {@code target} sets, empty where unset: what restoring writes back. */
    private static RoutingTarget restoring(RoutingTarget target, RoutingTarget before) {
        return new RoutingTarget(target.voiceUrl() == null ? null : Objects.requireNonNullElse(before.voiceUrl(), ""),
                target.smsUrl() == null ? null : Objects.requireNonNullElse(before.smsUrl(), ""),
                target.applicationId() == null ? null : Objects.requireNonNullElse(before.applicationId(), ""));
    }

    @Test
    void routesAnOwnedNumberReadsItBackAndRestoresItsEarlierRouting() {
        String number = ownedNumbers(NumberType.LOCAL).iterator().next();
        String id = provider().findOwned(account(), number, deadline()).orElseThrow().providerNumberId();
        RoutingTarget before = provider().readRouting(account(), number, id, deadline()).orElseThrow();
        RoutingTarget target = routingTarget();
        assertThat(target.isSatisfiedBy(before)).as("the contract's target must differ from %s", before).isFalse();

        provider().route(account(), number, id, target, deadline());
        assertThat(provider().readRouting(account(), number, id, deadline())).as("read back after routing")
                .hasValueSatisfying(actual -> assertThat(target.isSatisfiedBy(actual)).as("%s", actual).isTrue());
        provider().route(account(), number, id, target, deadline()); // idempotent: pointing twice changes nothing
        assertThat(provider().readRouting(account(), number, null, deadline())).as("read back, found by number")
                .hasValueSatisfying(actual -> assertThat(target.isSatisfiedBy(actual)).as("%s", actual).isTrue());

        RoutingTarget restore = restoring(target, before);
        provider().route(account(), number, id, restore, deadline());
        assertThat(provider().readRouting(account(), number, id, deadline())).as("read back after restoring")
                .hasValueSatisfying(actual -> assertThat(restore.isSatisfiedBy(actual)).as("%s", actual).isTrue());
    }

    @Test
    void aNumberTheAccountDoesNotOwnHasNoRoutingAndCannotBeRouted() {
        assertThat(provider().readRouting(account(), numberNeverOnSale(), null, deadline())).isEmpty();
        Throwable refused = catchThrowable(() -> provider().route(account(), numberNeverOnSale(), null,
                routingTarget(), deadline()));
        assertThat(refused).isInstanceOf(ProviderFault.RejectedRequest.class);
        assertThat(((ProviderFault.RejectedRequest) refused).filter()).isEqualTo("phone_number");
    }

    @Test
    void aReleasedNumberHasNoRouting() {
        String number = ownedNumbers(NumberType.LOCAL).iterator().next();
        AvailableNumber owned = provider().findOwned(account(), number, deadline()).orElseThrow();
        provider().route(account(), number, owned.providerNumberId(), routingTarget(), deadline());
        provider().release(account(), number, owned.providerNumberId(), deadline());
        assertThat(provider().readRouting(account(), number, owned.providerNumberId(), deadline())).isEmpty();
    }

    private static boolean samePostalCode(@Nullable String reported, String wanted) {
        if (reported == null) {
            return false;
        }
        String actual = compact(reported);
        String asked = compact(wanted);
        // A Canadian number may report only its forward sortation area (M5V) of a full code (M5V 2T6).
        return actual.equals(asked) || (actual.length() >= 3 && asked.startsWith(actual));
    }

    private static String compact(String postalCode) {
        return postalCode.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    private static Capability[] capabilities(String wireNames) {
        return Arrays.stream(wireNames.split(","))
                .map(name -> Capability.fromWireName(name.strip()).orElseThrow())
                .toArray(Capability[]::new);
    }

    private static @Nullable String capabilitiesOf(AvailableNumber number) {
        String held = Arrays.stream(Capability.values())
                .filter(number.capabilities()::has)
                .map(Capability::wireName)
                .collect(Collectors.joining(","));
        return held.isEmpty() ? null : held;
    }
}
