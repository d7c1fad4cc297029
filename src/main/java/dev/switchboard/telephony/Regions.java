package dev.switchboard.telephony;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * US states and Canadian provinces by their postal codes. API.md's {@code region} is a state or province as a person
 * writes it, while providers search by the two-letter code (Telnyx's {@code filter[administrative_area]}: "Must use 2
 * letter state/province code"; Twilio's {@code InRegion}) and report it on each number, so {@code California} and
 * {@code CA} both reach a provider, and are checked against its results, as {@code CA}.
 */
public final class Regions {

    private static final Map<String, Map<String, String>> CODE_BY_NAME = Map.of(
            "US", parse("""
                    AL Alabama|AK Alaska|AZ Arizona|AR Arkansas|CA California|CO Colorado|CT Connecticut|DE Delaware|
                    DC District of Columbia|FL Florida|GA Georgia|HI Hawaii|ID Idaho|IL Illinois|IN Indiana|IA Iowa|
                    KS Kansas|KY Kentucky|LA Louisiana|ME Maine|MD Maryland|MA Massachusetts|MI Michigan|MN Minnesota|
                    MS Mississippi|MO Missouri|MT Montana|NE Nebraska|NV Nevada|NH New Hampshire|NJ New Jersey|
                    NM New Mexico|NY New York|NC North Carolina|ND North Dakota|OH Ohio|OK Oklahoma|OR Oregon|
                    PA Pennsylvania|RI Rhode Island|SC South Carolina|SD South Dakota|TN Tennessee|TX Texas|UT Utah|
                    VT Vermont|VA Virginia|WA Washington|WV West Virginia|WI Wisconsin|WY Wyoming"""),
            "CA", parse("""
                    AB Alberta|BC British Columbia|MB Manitoba|NB New Brunswick|NL Newfoundland and Labrador|
                    NS Nova Scotia|NT Northwest Territories|NU Nunavut|ON Ontario|PE Prince Edward Island|QC Quebec|
                    SK Saskatchewan|YT Yukon"""));

    private Regions() {}

    /** Whether the country's regions are known here (US states and Canadian provinces only). */
    public static boolean searchable(String country) {
        return CODE_BY_NAME.containsKey(country);
    }

    /**
     * The two-letter code of a state or province of the country, given as its code ({@code ca}, {@code CA}) or its
     * name ({@code California}, {@code québec}); empty when it is neither.
     */
    public static Optional<String> code(String country, String region) {
        Map<String, String> byName = CODE_BY_NAME.get(country);
        if (byName == null) {
            return Optional.empty();
        }
        String wanted = normalize(region);
        if (wanted.length() == 2 && byName.containsValue(wanted.toUpperCase(Locale.ROOT))) {
            return Optional.of(wanted.toUpperCase(Locale.ROOT));
        }
        return Optional.ofNullable(byName.get(wanted));
    }

    private static String normalize(String name) {
        String plain = Normalizer.normalize(name.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.replaceAll("[\\s.]+", " ").toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> parse(String table) {
        return Stream.of(table.replace("\n", "").split("\\|"))
                .map(String::strip)
                .collect(Collectors.toUnmodifiableMap(entry -> normalize(entry.substring(3)),
                        entry -> entry.substring(0, 2)));
    }
}
