package dev.switchboard.telephony.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SandboxInventoryTest {

    private static final SandboxCatalogue CATALOGUE = SandboxCatalogue.load();
    private static final SandboxInventory INVENTORY = inventory(ProviderSettings.defaults().sandbox().seed());

    private static SandboxInventory inventory(long seed) {
        return new SandboxInventory(CATALOGUE, new NumberingPlan(CATALOGUE, seed));
    }

    @Test
    void everyNumberIsAValidNanpE164Number() {
        assertThat(INVENTORY.onSale()).allSatisfy(n -> {
            assertThat(n.e164()).matches("\\+1[2-9]\\d{2}[2-9]\\d{6}");
            String exchange = n.nationalNumber().substring(3, 6);
            assertThat(exchange).doesNotEndWith("11").isNotEqualTo("555");
            assertThat(n.nationalNumber()).startsWith(n.rateCenter().areaCode());
        });
    }

    @Test
    void everyNumberIsOnSaleOnce() {
        assertThat(INVENTORY.onSale()).extracting(SandboxNumber::nationalNumber).doesNotHaveDuplicates();
    }

    @Test
    void everyAreaCodeAndTollFreePrefixHasAFewHundredNumbers() {
        Map<String, Long> perAreaCode = INVENTORY.onSale().stream()
                .collect(Collectors.groupingBy(n -> NumberingPlan.groupKey(n.rateCenter()), Collectors.counting()));
        long areaCodes = CATALOGUE.rateCenters().stream().map(NumberingPlan::groupKey).distinct().count();
        assertThat(perAreaCode).hasSize((int) areaCodes);
        assertThat(perAreaCode.values()).containsOnly((long) SandboxInventory.NUMBERS_PER_AREA_CODE);
        assertThat(perAreaCode.get("US/toll_free/800")).isEqualTo(SandboxInventory.NUMBERS_PER_AREA_CODE);
    }

    @Test
    void everyCityOfAnAreaCodeGetsNumbers() {
        Set<RateCenter> withNumbers = INVENTORY.onSale().stream().map(SandboxNumber::rateCenter)
                .collect(Collectors.toSet());
        assertThat(withNumbers).containsExactlyInAnyOrderElementsOf(CATALOGUE.rateCenters());
    }

    @Test
    void citiesOfOneAreaCodeHoldTheirOwnFewExchanges() {
        Map<String, Set<String>> citiesByExchange = INVENTORY.onSale().stream()
                .filter(n -> n.rateCenter().type() == NumberType.LOCAL)
                .collect(Collectors.groupingBy(n -> n.nationalNumber().substring(0, 6),
                        Collectors.mapping(n -> n.rateCenter().locality(), Collectors.toSet())));
        assertThat(citiesByExchange.values()).allSatisfy(cities -> assertThat(cities).hasSize(1));
        long sanFranciscoExchanges = INVENTORY.onSale().stream()
                .filter(n -> "San Francisco".equals(n.rateCenter().locality()))
                .map(n -> n.nationalNumber().substring(3, 6)).distinct().count();
        assertThat(sanFranciscoExchanges).isEqualTo(NumberingPlan.EXCHANGES_PER_RATE_CENTER);
    }

    @Test
    void sameSeedDrawsTheSameInventoryInTheSameOrder() {
        assertThat(inventory(ProviderSettings.defaults().sandbox().seed()).onSale()).isEqualTo(INVENTORY.onSale());
    }

    @Test
    void differentSeedsDrawDifferentNumbers() {
        Set<String> other = inventory(1L).onSale().stream().map(SandboxNumber::nationalNumber)
                .collect(Collectors.toSet());
        long shared = INVENTORY.onSale().stream().filter(n -> other.contains(n.nationalNumber())).count();
        assertThat(shared).isLessThan(INVENTORY.onSale().size() / 100);
    }

    @Test
    void theDefaultSeedDrawsTheSameNumbersOnEveryMachine() {
        // Pinned on purpose: a change here changes every sandbox demo and every test that names a number.
        assertThat(INVENTORY.onSale().subList(0, 3)).extracting(SandboxNumber::e164)
                .containsExactly("+17207348814", "+15038240839", "+16157643045");
    }

    @Test
    void theStableOrderSpreadsAPageOverManyPlaces() {
        List<SandboxNumber> firstPage = INVENTORY.onSale().subList(0, 20);
        assertThat(firstPage.stream().map(n -> n.rateCenter().areaCode()).distinct().count()).isGreaterThan(10);
    }

    @Test
    void mostLocalNumbersTakeVoiceAndSmsManyMmsFewFax() {
        List<SandboxNumber> usLocal = kind("US", NumberType.LOCAL);
        assertThat(share(usLocal, n -> n.capabilities().voice() && n.capabilities().sms())).isBetween(0.8, 0.97);
        assertThat(share(usLocal, n -> n.capabilities().mms())).isBetween(0.5, 0.9);
        assertThat(share(usLocal, n -> n.capabilities().fax())).isBetween(0.02, 0.2);
        assertThat(usLocal).allSatisfy(n -> assertThat(n.capabilities().voice() || n.capabilities().sms()).isTrue());
        assertThat(usLocal).allSatisfy(n -> assertThat(!n.capabilities().mms() || n.capabilities().sms()).isTrue());
    }

    @Test
    void tollFreeNumbersAllTakeVoiceAndSomeLackMms() {
        List<SandboxNumber> tollFree = kind("US", NumberType.TOLL_FREE);
        assertThat(tollFree).allSatisfy(n -> assertThat(n.capabilities().voice()).isTrue());
        assertThat(share(tollFree, n -> n.capabilities().sms())).isGreaterThan(0.7);
        assertThat(share(tollFree, n -> !n.capabilities().mms())).isBetween(0.2, 0.8);
    }

    @Test
    void mostNumbersNeedNoAddressSomeNeedALocalOrAnyAddress() {
        List<SandboxNumber> all = INVENTORY.onSale();
        assertThat(share(all, n -> n.addressRequirements().equals("none"))).isGreaterThan(0.75);
        assertThat(share(all, n -> n.addressRequirements().equals("local"))).isGreaterThan(0.01);
        assertThat(share(all, n -> n.addressRequirements().equals("any"))).isGreaterThan(0.01);
        assertThat(all).extracting(SandboxNumber::addressRequirements).containsOnly("none", "local", "any");
        assertThat(share(kind("CA", NumberType.LOCAL), n -> n.addressRequirements().equals("local")))
                .isGreaterThan(share(kind("US", NumberType.LOCAL), n -> n.addressRequirements().equals("local")));
    }

    @Test
    void knowsWhichNumbersAreOnSale() {
        Set<String> onSale = new HashSet<>();
        INVENTORY.onSale().forEach(n -> {
            onSale.add(n.nationalNumber());
            assertThat(INVENTORY.isOnSale(n.nationalNumber())).isTrue();
        });
        String notOnSale = "4155550100";
        assertThat(onSale).doesNotContain(notOnSale);
        assertThat(INVENTORY.isOnSale(notOnSale)).isFalse();
    }

    private static List<SandboxNumber> kind(String country, NumberType type) {
        return INVENTORY.onSale().stream()
                .filter(n -> n.rateCenter().country().equals(country) && n.rateCenter().type() == type)
                .toList();
    }

    private static double share(List<SandboxNumber> numbers, Predicate<SandboxNumber> which) {
        return (double) numbers.stream().filter(which).count() / numbers.size();
    }
}
