package dev.switchboard.telephony;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Country calling codes (ITU-T E.164) by ISO 3166-1 alpha-2 country, and which country a number belongs to.
 * Switchboard's digit filters ({@code area_code}, {@code starts_with}) speak of the national number while providers
 * send and anchor patterns on E.164 numbers (Twilio's {@code Contains=+1877555}, Vonage's {@code search_pattern=0}
 * on the msisdn), so adapters put the calling code in between and cut it off again to check each result; and lists
 * of owned numbers that name no country (Twilio's) or calls that name a number by country and msisdn (Vonage's)
 * need the country derived from the number.
 */
public final class CallingCodes {

    private static final Map<String, String> BY_COUNTRY = parse("""
            AD376 AE971 AF93 AG1 AI1 AL355 AM374 AO244 AQ672 AR54 AS1 AT43 AU61 AW297 AX358 AZ994
            BA387 BB1 BD880 BE32 BF226 BG359 BH973 BI257 BJ229 BL590 BM1 BN673 BO591 BQ599 BR55 BS1 BT975 BW267
            BY375 BZ501 CA1 CC61 CD243 CF236 CG242 CH41 CI225 CK682 CL56 CM237 CN86 CO57 CR506 CU53 CV238 CW599
            CX61 CY357 CZ420 DE49 DJ253 DK45 DM1 DO1 DZ213 EC593 EE372 EG20 EH212 ER291 ES34 ET251 FI358 FJ679
            FK500 FM691 FO298 FR33 GA241 GB44 GD1 GE995 GF594 GG44 GH233 GI350 GL299 GM220 GN224 GP590 GQ240 GR30
            GT502 GU1 GW245 GY592 HK852 HN504 HR385 HT509 HU36 ID62 IE353 IL972 IM44 IN91 IO246 IQ964 IR98 IS354
            IT39 JE44 JM1 JO962 JP81 KE254 KG996 KH855 KI686 KM269 KN1 KP850 KR82 KW965 KY1 KZ7 LA856 LB961 LC1
            LI423 LK94 LR231 LS266 LT370 LU352 LV371 LY218 MA212 MC377 MD373 ME382 MF590 MG261 MH692 MK389 ML223
            MM95 MN976 MO853 MP1 MQ596 MR222 MS1 MT356 MU230 MV960 MW265 MX52 MY60 MZ258 NA264 NC687 NE227 NF672
            NG234 NI505 NL31 NO47 NP977 NR674 NU683 NZ64 OM968 PA507 PE51 PF689 PG675 PH63 PK92 PL48 PM508 PR1
            PS970 PT351 PW680 PY595 QA974 RE262 RO40 RS381 RU7 RW250 SA966 SB677 SC248 SD249 SE46 SG65 SH290 SI386
            SJ47 SK421 SL232 SM378 SN221 SO252 SR597 SS211 ST239 SV503 SX1 SY963 SZ268 TC1 TD235 TG228 TH66 TJ992
            TK690 TL670 TM993 TN216 TO676 TR90 TT1 TV688 TW886 TZ255 UA380 UG256 US1 UY598 UZ998 VA39 VC1 VE58 VG1
            VI1 VN84 VU678 WF681 WS685 XK383 YE967 YT262 ZA27 ZM260 ZW263
            """);

    /**
     * NANP area codes outside the US: the countries sharing +1 are told apart by area code. Every other +1
     * area code (including the shared toll-free 8xx codes, which are sold as US numbers) counts as US.
     */
    private static final Map<String, String> NANP_COUNTRY_BY_AREA_CODE = Stream.of(
                    "CA 204 226 236 249 250 257 263 273 289 306 343 354 365 367 368 382 387 403 416 418 428 431 437 438"
                            + " 450 460 468 474 506 514 519 548 579 581 584 587 600 604 613 622 639 647 672 683 705 709"
                            + " 742 753 778 780 782 807 819 825 867 873 879 902 905 942",
                    "AG 268", "AI 264", "AS 684", "BB 246", "BM 441", "BS 242", "DM 767", "DO 809 829 849", "GD 473",
                    "GU 671", "JM 658 876", "KN 869", "KY 345", "LC 758", "MP 670", "MS 664", "PR 787 939", "SX 721",
                    "TC 649", "TT 868", "VC 784", "VG 284", "VI 340")
            .flatMap(line -> {
                String[] parts = line.split(" ");
                return Stream.of(parts).skip(1).map(areaCode -> Map.entry(areaCode, parts[0]));
            })
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    /** For a calling code several countries share, the one most of its numbers belong to, tried first. */
    private static final Map<String, String> MAIN_COUNTRY_OF_SHARED_CODE = Map.of(
            "7", "RU", "44", "GB", "61", "AU", "39", "IT", "47", "NO", "358", "FI", "212", "MA", "590", "GP",
            "599", "CW", "262", "RE");

    private CallingCodes() {}

    /**
     * The country an E.164 number belongs to, as far as its calling code (and for +1 its area code) tells: a +1
     * number by its area code, a code shared by several countries as its main country's. Empty for a calling code
     * no country has.
     */
    public static Optional<String> countryOf(String e164) {
        return countriesOf(e164).stream().findFirst();
    }

    /**
     * The countries an E.164 number (or msisdn) may belong to, likeliest first: a +1 number the one its area code
     * says; otherwise every country of its calling code, the code's main country first. Empty for a calling code no
     * country has.
     */
    public static List<String> countriesOf(String number) {
        String digits = number.startsWith("+") ? number.substring(1) : number;
        if (digits.startsWith("1")) {
            String areaCode = digits.length() >= 4 ? digits.substring(1, 4) : "";
            return List.of(NANP_COUNTRY_BY_AREA_CODE.getOrDefault(areaCode, "US"));
        }
        // Calling codes are a prefix code: at most one of the 1, 2 and 3 digit prefixes is a calling code.
        for (int length = 1; length <= 3 && length <= digits.length(); length++) {
            String code = digits.substring(0, length);
            String main = MAIN_COUNTRY_OF_SHARED_CODE.get(code);
            List<String> countries = new ArrayList<>(BY_COUNTRY.entrySet().stream()
                    .filter(entry -> entry.getValue().equals(code))
                    .map(Map.Entry::getKey)
                    .sorted(Comparator.comparing((String country) -> !country.equals(main))
                            .thenComparing(Comparator.naturalOrder()))
                    .toList());
            if (!countries.isEmpty()) {
                return List.copyOf(countries);
            }
        }
        return List.of();
    }

    /** The calling code of a country, without the {@code +}, e.g. {@code 44} for {@code GB}. */
    public static Optional<String> of(String country) {
        return Optional.ofNullable(BY_COUNTRY.get(country));
    }

    /**
     * The national number of an E.164 number: what follows the country's calling code. A number that does not
     * start with that calling code is returned as its digits, so a check on it fails rather than throws.
     */
    public static String nationalNumber(String e164, @Nullable String callingCode) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        return callingCode != null && digits.startsWith(callingCode) ? digits.substring(callingCode.length()) : digits;
    }

    /** Whether an E.164 number belongs to a country, as far as its calling code (and NANP area code) tells. */
    public static boolean belongsTo(String e164, String country) {
        Optional<String> callingCode = of(country);
        if (callingCode.isEmpty() || !e164.startsWith("+" + callingCode.get())) {
            return false;
        }
        if (!callingCode.get().equals("1")) {
            return true;
        }
        String areaCode = e164.length() >= 5 ? e164.substring(2, 5) : "";
        return NANP_COUNTRY_BY_AREA_CODE.getOrDefault(areaCode, "US").equals(country);
    }

    private static Map<String, String> parse(String table) {
        return Stream.of(table.trim().split("\\s+"))
                .collect(Collectors.toUnmodifiableMap(entry -> entry.substring(0, 2), entry -> entry.substring(2)));
    }
}
