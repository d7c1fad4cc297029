package dev.switchboard.telephony.sandbox;

import dev.switchboard.telephony.Capabilities;
import dev.switchboard.telephony.NumberType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * How the sandbox draws numbers from its seed: which exchanges (NXX) each rate center holds, and what a number
 * drawn there looks like. Every draw comes from a {@link Random} seeded from the sandbox seed and what is being
 * drawn, so one seed gives the same numbers on every run: {@code Random}'s algorithm is fixed by its
 * specification, unlike {@code SplittableRandom}'s or a hash set's order.
 */
final class NumberingPlan {

    /** Real rate centers hold a handful of exchanges, so the numbers of one city share a few NXX. */
    static final int EXCHANGES_PER_RATE_CENTER = 6;

    // Salts keep the streams for different purposes apart even when their keys are equal.
    static final long EXCHANGES = 0x45584348L;
    static final long INVENTORY = 0x494e5654L;
    static final long ACCOUNT = 0x41434354L;
    static final long NUMBER_ID = 0x4e4d4944L;

    private static final Capabilities[] CAPABILITY_SETS = IntStream.range(0, 16)
            .mapToObj(bits -> new Capabilities((bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0))
            .toArray(Capabilities[]::new);

    /**
     * How often a number of one kind can do what. Local numbers almost all take voice and SMS, most MMS, few fax;
     * Canadian local numbers less often MMS and more often need a local address; toll-free numbers all take voice,
     * not all SMS, and about half of those MMS.
     */
    private record Odds(double voice, double sms, double mmsOfSms, double fax, double addressAny,
            double addressLocal) {}

    private static final Odds US_LOCAL = new Odds(0.98, 0.93, 0.75, 0.08, 0.08, 0.05);
    private static final Odds CA_LOCAL = new Odds(0.99, 0.85, 0.45, 0.05, 0.08, 0.20);
    private static final Odds TOLL_FREE = new Odds(1.00, 0.85, 0.50, 0.15, 0.05, 0.00);

    private final long seed;
    private final int[][] exchanges;

    NumberingPlan(SandboxCatalogue catalogue, long seed) {
        this.seed = seed;
        this.exchanges = new int[catalogue.rateCenters().size()][];
        Map<String, List<RateCenter>> byAreaCode = new LinkedHashMap<>();
        for (RateCenter rc : catalogue.rateCenters()) {
            byAreaCode.computeIfAbsent(groupKey(rc), k -> new ArrayList<>()).add(rc);
        }
        byAreaCode.forEach((key, rateCenters) -> {
            // Drawn per area code so that two cities of one area code never share an exchange, as in NANP.
            Random random = randomFor(EXCHANGES, key.hashCode());
            Set<Integer> taken = new HashSet<>();
            for (RateCenter rc : rateCenters) {
                exchanges[rc.id()] = rc.type() == NumberType.TOLL_FREE
                        ? new int[0] // toll-free numbers are not tied to a place: any exchange will do
                        : IntStream.generate(() -> assignableExchange(random))
                                .filter(taken::add)
                                .limit(EXCHANGES_PER_RATE_CENTER)
                                .sorted()
                                .toArray();
            }
        });
    }

    /** Inventory groups and exchange plans are per area code and kind: 800 in the US and 800 in Canada differ. */
    static String groupKey(RateCenter rc) {
        return rc.country() + "/" + rc.type().wireName() + "/" + rc.areaCode();
    }

    /** The exchanges numbers of this rate center are drawn from; empty for toll-free, where any will do. */
    int[] exchangesOf(RateCenter rc) {
        return exchanges[rc.id()].clone();
    }

    /** A stream of draws for one purpose, the same for the same seed and keys. */
    Random randomFor(long... keys) {
        long state = seed;
        for (long key : keys) {
            state = mix(state ^ mix(key));
        }
        return new Random(state);
    }

    /** Where a number stands in the sandbox's one stable order: scattered, so a page spans many places. */
    long orderKey(String nationalNumber) {
        return mix(seed ^ mix(Long.parseLong(nationalNumber)));
    }

    /**
     * Draws a number in the given rate center: an exchange of its own and random line digits, with capabilities
     * and address requirements drawn from the odds for its kind. Always consumes the same number of draws, so
     * one odd number does not shift every number after it.
     */
    SandboxNumber draw(RateCenter rc, Random random) {
        int[] own = exchanges[rc.id()];
        int exchange = own.length > 0 ? own[random.nextInt(own.length)] : assignableExchange(random);
        int line = random.nextInt(10_000);
        Odds odds = rc.type() == NumberType.TOLL_FREE ? TOLL_FREE : "CA".equals(rc.country()) ? CA_LOCAL : US_LOCAL;
        boolean voice = random.nextDouble() < odds.voice();
        boolean sms = random.nextDouble() < odds.sms();
        boolean mms = random.nextDouble() < odds.mmsOfSms() && sms;
        boolean fax = random.nextDouble() < odds.fax();
        double address = random.nextDouble();
        if (!voice && !sms) {
            voice = true; // nobody sells a number that can do neither
        }
        String requirement = address < odds.addressAny() ? "any"
                : address < odds.addressAny() + odds.addressLocal() ? "local" : "none";
        Capabilities capabilities = CAPABILITY_SETS[(voice ? 1 : 0) | (sms ? 2 : 0) | (mms ? 4 : 0) | (fax ? 8 : 0)];
        return new SandboxNumber(nationalNumber(rc.areaCode(), exchange, line), rc, capabilities, requirement, null);
    }

    private static int assignableExchange(Random random) {
        int nxx;
        do {
            nxx = 200 + random.nextInt(800);
        } while (!SandboxNumber.isAssignableExchange(nxx));
        return nxx;
    }

    private static String nationalNumber(String areaCode, int exchange, int line) {
        StringBuilder digits = new StringBuilder(10).append(areaCode).append(exchange);
        String lineDigits = Integer.toString(line);
        digits.repeat('0', 4 - lineDigits.length());
        return digits.append(lineDigits).toString();
    }

    /** SplitMix64's finalizer: spreads nearby inputs (consecutive numbers, similar keys) over all 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
