package dev.switchboard.telephony.twilio;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one pattern Twilio's {@code Contains} parameter carries for a search. Twilio's rules (its OpenAPI document
 * and the AvailablePhoneNumber TollFree reference): 2 to 16 characters; {@code +} at the start anchors the pattern
 * to the start of the E.164 number, country code included ({@code +1877555}); {@code $} at the end anchors it to
 * the end ({@code 7306$}); a bare pattern matches anywhere ({@code 555}, {@code STORM}); a pattern needs at least
 * two characters that are not meta-characters.
 *
 * <p>Only one digit filter fits in {@code Contains}: the one that narrows Twilio's answer most goes there (cut to
 * the length Twilio accepts, which still only widens the answer), and the adapter checks every digit filter on
 * the results anyway.
 *
 * @param filter the Switchboard filter key this pattern comes from, for naming it in errors
 * @param complete whether the pattern says all the filter says (else the adapter's check finishes the job)
 */
record ContainsPattern(String value, String filter, boolean complete) {

    static final int MAX_LENGTH = 16;

    /**
     * Digits the national number must start with.
     *
     * @param alreadyNative how many leading digits another Twilio parameter already enforces ({@code AreaCode})
     */
    record Prefix(String digits, String filter, int alreadyNative) {}

    static Optional<ContainsPattern> choose(@Nullable String callingCode, @Nullable Prefix prefix,
            @Nullable String contains, @Nullable String endsWith) {
        record Candidate(ContainsPattern pattern, int narrowing) {}
        List<Candidate> candidates = new ArrayList<>();
        if (prefix != null && callingCode != null && prefix.digits().length() > prefix.alreadyNative()) {
            int room = MAX_LENGTH - 1 - callingCode.length();
            String digits = cut(prefix.digits(), room);
            candidates.add(new Candidate(
                    new ContainsPattern("+" + callingCode + digits, prefix.filter(),
                            digits.length() == prefix.digits().length()),
                    digits.length() - prefix.alreadyNative()));
        }
        if (endsWith != null && endsWith.length() >= 2) {
            String digits = endsWith.length() > MAX_LENGTH - 1
                    ? endsWith.substring(endsWith.length() - (MAX_LENGTH - 1))
                    : endsWith;
            candidates.add(new Candidate(
                    new ContainsPattern(digits + "$", "ends_with", digits.length() == endsWith.length()),
                    digits.length()));
        }
        if (contains != null && contains.length() >= 2) {
            String digits = cut(contains, MAX_LENGTH);
            candidates.add(new Candidate(
                    new ContainsPattern(digits, "contains", digits.length() == contains.length()), digits.length()));
        }
        // Strictly greater: on a tie the anchored patterns, listed first, win, as they narrow more than a bare one.
        Candidate best = null;
        for (Candidate candidate : candidates) {
            if (candidate.narrowing() > 0 && (best == null || candidate.narrowing() > best.narrowing())) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best).map(Candidate::pattern);
    }

    private static String cut(String digits, int maxLength) {
        return digits.length() > maxLength ? digits.substring(0, maxLength) : digits;
    }
}
