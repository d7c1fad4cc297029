package dev.switchboard.telephony.sandbox;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.AvailableNumbersPage;
import dev.switchboard.telephony.Capability;
import dev.switchboard.telephony.NumberType;
import dev.switchboard.telephony.ProviderFault;
import dev.switchboard.telephony.TelephonyProviderName;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * One search run against sandbox numbers. The place filters (country, type, area code, region, locality, postal
 * code) are resolved once against the catalogue into the set of rate centers a number may ring in; the rest
 * (digits, capabilities, address) are checked per number in a single pass that also counts every match, since
 * the sandbox, unlike most providers, knows its exact total.
 *
 * <p>Best effort, when nothing matches exactly, walks a ladder from near to far and stops at the first rung that
 * has numbers: first the digit patterns lose digits one at a time (in the same places), then the places widen:
 * the locality without its postal code, the postal code's area (same ZIP3 or forward sortation area), the area
 * codes serving the requested city, and finally its region. It never leaves the requested country, type, area
 * code or region, never drops a capability or the address exclusion, and widens toll-free numbers, which have no
 * place, to any toll-free number. Everything returned from a lower rung is marked as a best-effort match.
 */
final class SandboxSearch {

    private static final TelephonyProviderName SANDBOX = TelephonyProviderName.SANDBOX;

    private final AvailableNumberSearch search;
    private final DigitPatterns digits;
    private final Capability[] capabilities;
    /** The rate centers allowed on each rung of the ladder: the exact search first, then ever wider places. */
    private final List<BitSet> placeRungs;

    private SandboxSearch(AvailableNumberSearch search, List<BitSet> placeRungs) {
        this.search = search;
        this.digits = new DigitPatterns(search.contains(), search.startsWith(), search.endsWith());
        this.capabilities = search.capabilities().toArray(Capability[]::new);
        this.placeRungs = placeRungs;
    }

    /**
     * Checks that the sandbox can answer the search at all and resolves its place filters.
     *
     * @throws ProviderFault.RejectedRequest for a country or type of number the sandbox does not sell
     */
    static SandboxSearch of(SandboxCatalogue catalogue, AvailableNumberSearch search) {
        if (search.country() != null && !catalogue.countries().contains(search.country())) {
            throw new ProviderFault.RejectedRequest(SANDBOX, "country", null,
                    "The sandbox sells numbers in " + String.join(" and ", catalogue.countries()) + " only, not in "
                            + search.country() + ".");
        }
        switch (search.type()) {
            case null -> { } // an owned-numbers search of every type
            case LOCAL, TOLL_FREE -> { }
            case MOBILE -> throw new ProviderFault.RejectedRequest(SANDBOX, "type", null,
                    "The sandbox has no mobile numbers: in the North American Numbering Plan, mobile and landline "
                            + "numbers share area codes and are sold as local. Search type local or toll_free.");
            case NATIONAL -> throw new ProviderFault.RejectedRequest(SANDBOX, "type", null,
                    "The sandbox has no national numbers: the North American Numbering Plan has no national "
                            + "range besides toll-free. Search type local or toll_free.");
        }
        return new SandboxSearch(search, placeRungs(catalogue, search));
    }

    private static List<BitSet> placeRungs(SandboxCatalogue catalogue, AvailableNumberSearch search) {
        // What best effort never relaxes: the kind of number and the area code, then the region as well.
        BitSet kind = search.country() == null || search.type() == null
                ? catalogue.ofKindOrAny(search.country(), search.type())
                : catalogue.ofKind(search.country(), search.type());
        if (search.areaCode() != null) {
            kind.and(catalogue.withAreaCode(search.areaCode()));
        }
        BitSet fixed = (BitSet) kind.clone();
        if (search.region() != null) {
            fixed.and(catalogue.inRegion(search.region()));
        }
        String locality = search.locality();
        String postalCode = search.postalCode();

        List<BitSet> rungs = new ArrayList<>();
        BitSet exact = (BitSet) fixed.clone();
        if (locality != null) {
            exact.and(catalogue.inLocality(locality));
        }
        if (postalCode != null) {
            exact.and(catalogue.withPostalCode(postalCode));
        }
        rungs.add(exact);
        if (!search.bestEffort()) {
            return rungs;
        }
        if (locality != null && postalCode != null) {
            addRung(rungs, fixed, catalogue.inLocality(locality));
        }
        if (postalCode != null) {
            addRung(rungs, fixed, catalogue.inPostalArea(postalCode));
        }
        if (locality != null || postalCode != null) {
            // The requested place as the catalogue knows it, of any type, to find the area codes and regions
            // around it; a place the catalogue does not know widens only to an area code or region asked for.
            BitSet requested = new BitSet();
            if (locality != null) {
                requested.or(catalogue.inLocality(locality));
            }
            if (postalCode != null) {
                requested.or(catalogue.withPostalCode(postalCode));
            }
            addRung(rungs, fixed, search.areaCode() != null ? (BitSet) fixed.clone()
                    : catalogue.withAreaCodesOf(requested));
            addRung(rungs, fixed, search.region() != null ? (BitSet) fixed.clone()
                    : catalogue.inRegionsOf(requested));
        }
        if (search.type() == NumberType.TOLL_FREE) {
            // A toll-free number rings nowhere in particular, so for one every place is as near as any other.
            addRung(rungs, kind, (BitSet) kind.clone());
        }
        return rungs;
    }

    private static void addRung(List<BitSet> rungs, BitSet fixed, BitSet place) {
        place.and(fixed);
        if (!place.isEmpty() && !rungs.contains(place)) {
            rungs.add(place);
        }
    }

    /** The first {@code limit} matches among the numbers, in their order, with the exact count of all matches. */
    AvailableNumbersPage page(List<SandboxNumber> numbers) {
        return page(numbers, Set.of());
    }

    /**
     * As {@link #page(List)}, leaving out the numbers whose national number is in {@code excluded} (numbers the
     * seed put on sale that have since been sold). Checked only for numbers that match otherwise, so a few sold
     * numbers cost a search next to nothing.
     */
    AvailableNumbersPage page(List<SandboxNumber> numbers, Set<String> excluded) {
        for (int rung = 0; rung < placeRungs.size(); rung++) {
            BitSet places = placeRungs.get(rung);
            if (places.isEmpty()) {
                continue;
            }
            Matches matches = scan(numbers, places, excluded);
            if (matches.count() > 0) {
                boolean bestEffortMatch = rung > 0 || matches.distance() > 0;
                List<AvailableNumber> page = matches.first().stream()
                        .map(n -> n.toAvailableNumber(bestEffortMatch))
                        .toList();
                return new AvailableNumbersPage(page, matches.count(), matches.count() > page.size());
            }
        }
        return new AvailableNumbersPage(List.of(), 0L, false);
    }

    /** The numbers nearest to the digit patterns within the allowed places: at distance 0 unless best effort. */
    private record Matches(int distance, long count, List<SandboxNumber> first) {}

    private Matches scan(List<SandboxNumber> numbers, BitSet allowedPlaces, Set<String> excluded) {
        int nearest = search.bestEffort() ? digits.longest() : 0;
        long count = 0;
        List<SandboxNumber> first = new ArrayList<>(search.limit());
        for (SandboxNumber number : numbers) {
            if (!allowedPlaces.get(number.rateCenter().id()) || !hasCapabilities(number)
                    || (search.excludeAddressRequired() && number.addressRequired())) {
                continue;
            }
            int distance = digits.distance(number.nationalNumber(), nearest);
            if (distance > nearest || (!excluded.isEmpty() && excluded.contains(number.nationalNumber()))) {
                continue;
            }
            if (distance < nearest) {
                nearest = distance;
                count = 0;
                first.clear();
            }
            count++;
            if (first.size() < search.limit()) {
                first.add(number);
            }
        }
        return new Matches(nearest, count, first);
    }

    private boolean hasCapabilities(SandboxNumber number) {
        // A loop, not Capabilities.hasAll: this runs for every number on sale and must not allocate.
        for (Capability capability : capabilities) {
            if (!number.capabilities().has(capability)) {
                return false;
            }
        }
        return true;
    }
}
