package dev.switchboard.telephony.sandbox;

import dev.switchboard.telephony.Money;
import dev.switchboard.telephony.NumberType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The places the sandbox sells numbers in: real area codes with their regions and cities, and the toll-free
 * prefixes, read once from {@value #RESOURCE}. Answers "which rate centers are in Texas / in Austin / have postal
 * code 78701" as bit sets over {@link RateCenter#id()}, so that a search can combine filters by intersecting sets of
 * a few hundred bits instead of comparing strings for every number.
 */
final class SandboxCatalogue {

    static final String RESOURCE = "sandbox/area-codes.csv";

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern PUNCTUATION = Pattern.compile("[.'\u2019]");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");
    private static final Pattern SAINT = Pattern.compile("\\bst\\b");
    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^A-Za-z0-9]");

    private final List<RateCenter> rateCenters;
    private final SortedSet<String> countries = new TreeSet<>();
    private final Map<String, BitSet> byKind = new HashMap<>();
    private final Map<String, BitSet> byAreaCode = new HashMap<>();
    private final Map<String, BitSet> byRegion = new HashMap<>();
    private final Map<String, BitSet> byLocality = new HashMap<>();
    private final Map<String, BitSet> byPostalCode = new HashMap<>();
    private final Map<String, BitSet> byPostalArea = new HashMap<>();

    private SandboxCatalogue(List<RateCenter> rateCenters) {
        this.rateCenters = List.copyOf(rateCenters);
        for (RateCenter rc : this.rateCenters) {
            countries.add(rc.country());
            index(byKind, kindKey(rc.country(), rc.type()), rc);
            index(byAreaCode, rc.areaCode(), rc);
            if (rc.region() != null) {
                index(byRegion, placeKey(rc.region()), rc);
            }
            if (rc.regionName() != null) {
                index(byRegion, placeKey(rc.regionName()), rc);
            }
            if (rc.locality() != null) {
                index(byLocality, placeKey(rc.locality()), rc);
            }
            if (rc.postalCode() != null) {
                String postal = postalKey(rc.postalCode());
                index(byPostalCode, postal, rc);
                index(byPostalArea, postalAreaKey(postal), rc);
            }
        }
    }

    /** The catalogue shipped with Switchboard. */
    static SandboxCatalogue load() {
        try (InputStream in = SandboxCatalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the sandbox catalogue " + RESOURCE + " is not on the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sandbox catalogue " + RESOURCE, e);
        }
    }

    /**
     * Reads catalogue lines: {@code type,area_code,country,region,region_name,locality,postal_code}; blank lines and
     * lines starting with {@code #} are skipped. Fails on the first bad line, naming it, so a typo in the data
     * stops the start instead of quietly shrinking the inventory.
     */
    static SandboxCatalogue parse(List<String> lines) {
        List<RateCenter> rateCenters = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                rateCenters.add(rateCenter(rateCenters.size(), line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sandbox catalogue line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (rateCenters.isEmpty()) {
            throw new IllegalArgumentException("the sandbox catalogue is empty");
        }
        return new SandboxCatalogue(rateCenters);
    }

    private static RateCenter rateCenter(int id, String line) {
        String[] fields = line.split(",", -1);
        if (fields.length != 7) {
            throw new IllegalArgumentException("expected 7 fields, found " + fields.length + ": " + line);
        }
        NumberType type = NumberType.fromWireName(fields[0].strip())
                .filter(t -> t == NumberType.LOCAL || t == NumberType.TOLL_FREE)
                .orElseThrow(() -> new IllegalArgumentException("type must be local or toll_free: " + fields[0]));
        String country = fields[2].strip();
        if (!country.matches("[A-Z]{2}")) {
            throw new IllegalArgumentException("not an ISO 3166-1 alpha-2 country: " + country);
        }
        return new RateCenter(id, fields[1].strip(), country, type, blankToNull(fields[3]), blankToNull(fields[4]),
                blankToNull(fields[5]), blankToNull(fields[6]), monthlyPrice(country, type));
    }

    /** What the sandbox charges a month, in the currency a customer of that country is billed in. */
    private static Money monthlyPrice(String country, NumberType type) {
        boolean tollFree = type == NumberType.TOLL_FREE;
        return switch (country) {
            case "US" -> new Money(tollFree ? "2.15" : "1.15", "USD");
            case "CA" -> new Money(tollFree ? "2.95" : "1.55", "CAD");
            default -> throw new IllegalArgumentException("the sandbox has no price list for country " + country);
        };
    }

    List<RateCenter> rateCenters() {
        return rateCenters;
    }

    RateCenter rateCenter(int id) {
        return rateCenters.get(id);
    }

    /** The countries the sandbox sells numbers in, as ISO 3166-1 alpha-2 codes. */
    SortedSet<String> countries() {
        return countries;
    }

    BitSet ofKind(String country, NumberType type) {
        return lookup(byKind, kindKey(country, type));
    }

    /** The rate centres of a country and type, either of which may be null for any (owned numbers' searches). */
    BitSet ofKindOrAny(@org.jspecify.annotations.Nullable String country,
            @org.jspecify.annotations.Nullable NumberType type) {
        BitSet kinds = new BitSet();
        for (RateCenter rc : rateCenters) {
            if ((country == null || rc.country().equals(country)) && (type == null || rc.type() == type)) {
                kinds.set(rc.id());
            }
        }
        return kinds;
    }

    BitSet withAreaCode(String areaCode) {
        return lookup(byAreaCode, areaCode);
    }

    /** By USPS or province code ({@code TX}) or full name ({@code Texas}), case and accents ignored. */
    BitSet inRegion(String region) {
        return lookup(byRegion, placeKey(region));
    }

    /** Case, accents, punctuation and "St."/"Saint" ignored: {@code st louis} finds St. Louis. */
    BitSet inLocality(String locality) {
        return lookup(byLocality, placeKey(locality));
    }

    /** Spaces and case ignored ({@code m5h2n2} finds M5H 2N2); a ZIP+4 finds its five-digit ZIP. */
    BitSet withPostalCode(String postalCode) {
        return lookup(byPostalCode, postalKey(postalCode));
    }

    /**
     * The rate centers whose postal code shares its first three characters with the given one: the same US
     * sectional center (ZIP3) or Canadian forward sortation area, so geographically close.
     */
    BitSet inPostalArea(String postalCode) {
        return lookup(byPostalArea, postalAreaKey(postalKey(postalCode)));
    }

    /** The rate centers sharing an area code with any of the given ones (overlays and neighbouring cities). */
    BitSet withAreaCodesOf(BitSet some) {
        BitSet result = new BitSet(rateCenters.size());
        some.stream().forEach(id -> result.or(withAreaCode(rateCenters.get(id).areaCode())));
        return result;
    }

    /** The rate centers in the same region as any of the given ones. */
    BitSet inRegionsOf(BitSet some) {
        BitSet result = new BitSet(rateCenters.size());
        some.stream().forEach(id -> {
            String region = rateCenters.get(id).region();
            if (region != null) {
                result.or(inRegion(region));
            }
        });
        return result;
    }

    private static BitSet lookup(Map<String, BitSet> index, String key) {
        BitSet found = index.get(key);
        // A copy: callers intersect and unite these sets, and must not change the index.
        return found == null ? new BitSet() : (BitSet) found.clone();
    }

    private static void index(Map<String, BitSet> index, String key, RateCenter rc) {
        index.computeIfAbsent(key, k -> new BitSet()).set(rc.id());
    }

    private static String kindKey(String country, NumberType type) {
        return country + "/" + type.wireName();
    }

    static String placeKey(String name) {
        String plain = COMBINING_MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
        String lower = PUNCTUATION.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll("");
        String words = SEPARATORS.matcher(lower).replaceAll(" ").strip();
        return SAINT.matcher(words).replaceAll("saint");
    }

    static String postalKey(String postalCode) {
        String key = NOT_ALPHANUMERIC.matcher(postalCode).replaceAll("").toUpperCase(Locale.ROOT);
        return key.length() == 9 && key.chars().allMatch(Character::isDigit) ? key.substring(0, 5) : key;
    }

    private static String postalAreaKey(String postalKey) {
        return postalKey.length() <= 3 ? postalKey : postalKey.substring(0, 3);
    }

    private static @Nullable String blankToNull(String field) {
        String value = field.strip();
        return value.isEmpty() ? null : value;
    }
}
