package dev.switchboard.telephony.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The numbers on sale in the sandbox: {@value #NUMBERS_PER_AREA_CODE} per area code (shared among its cities) and
 * per toll-free prefix and country, drawn once at startup and kept in one stable order, so that every search is a
 * scan of a list in memory and every run offers the same numbers in the same order.
 */
final class SandboxInventory {

    static final int NUMBERS_PER_AREA_CODE = 300;

    private final List<SandboxNumber> onSale;
    // Sorted, for "is this number on sale?" by binary search: an eighth of the memory of a hash set of strings.
    private final long[] nationalNumbers;
    /** {@code byNationalNumber[i]} is the number whose digits are {@code nationalNumbers[i]}. */
    private final SandboxNumber[] byNationalNumber;

    SandboxInventory(SandboxCatalogue catalogue, NumberingPlan plan) {
        Map<String, List<RateCenter>> byAreaCode = new LinkedHashMap<>();
        for (RateCenter rc : catalogue.rateCenters()) {
            byAreaCode.computeIfAbsent(NumberingPlan.groupKey(rc), k -> new ArrayList<>()).add(rc);
        }
        Set<String> taken = new HashSet<>();
        List<Ranked> ranked = new ArrayList<>(byAreaCode.size() * NUMBERS_PER_AREA_CODE);
        byAreaCode.forEach((key, rateCenters) -> {
            // One stream per area code: adding an area code to the catalogue leaves the others' numbers as they were.
            Random random = plan.randomFor(NumberingPlan.INVENTORY, key.hashCode());
            for (int i = 0; i < NUMBERS_PER_AREA_CODE; i++) {
                RateCenter rc = rateCenters.get(i % rateCenters.size());
                SandboxNumber number;
                do {
                    number = plan.draw(rc, random);
                } while (!taken.add(number.nationalNumber()));
                ranked.add(new Ranked(plan.orderKey(number.nationalNumber()), number));
            }
        });
        ranked.sort(Comparator.comparingLong(Ranked::key)
                .thenComparing(r -> r.number().nationalNumber()));
        this.onSale = ranked.stream().map(Ranked::number).toList();
        this.byNationalNumber = onSale.stream()
                .sorted(Comparator.comparing(SandboxNumber::nationalNumber))
                .toArray(SandboxNumber[]::new);
        this.nationalNumbers = Arrays.stream(byNationalNumber).mapToLong(n -> Long.parseLong(n.nationalNumber()))
                .toArray();
    }

    private record Ranked(long key, SandboxNumber number) {}

    /** Every number on sale, in the sandbox's stable order. */
    List<SandboxNumber> onSale() {
        return onSale;
    }

    /**
     * Whether the seed put this number in the inventory: the sandbox offers it unless someone bought it (which
     * {@link SandboxTelephonyProvider} knows from its books, not this class).
     */
    boolean isOnSale(String nationalNumber) {
        return find(nationalNumber).isPresent();
    }

    /** The inventory's number with these ten digits, if the seed drew it. */
    Optional<SandboxNumber> find(String nationalNumber) {
        if (nationalNumber.length() != 10 || !nationalNumber.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int at = Arrays.binarySearch(nationalNumbers, Long.parseLong(nationalNumber));
        return at >= 0 ? Optional.of(byNationalNumber[at]) : Optional.empty();
    }
}
