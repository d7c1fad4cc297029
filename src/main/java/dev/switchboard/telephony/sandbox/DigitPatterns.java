package dev.switchboard.telephony.sandbox;

import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The digit filters of a search over a ten-digit national number, and how far a number is from them, so that best
 * effort can offer the nearest numbers. A number is at distance {@code k} when it matches once each pattern is
 * cut down by {@code k} digits: {@code startsWith} keeps its first digits, {@code endsWith} its last digits (the
 * end of a vanity number matters most), and {@code contains} any run of its digits.
 *
 * <p>Not a record: it precomputes the runs of {@code contains}, because it is asked about every number on sale.
 */
final class DigitPatterns {

    private final @Nullable String contains;
    private final @Nullable String startsWith;
    private final @Nullable String endsWith;
    /** {@code runs[k]}: the distinct runs of {@code contains} that are {@code k} digits shorter than it. */
    private final String[][] runs;

    /**
     * @param contains digits that must appear somewhere in the national number
     * @param startsWith digits the national number must start with
     * @param endsWith digits the national number must end with
     */
    DigitPatterns(@Nullable String contains, @Nullable String startsWith, @Nullable String endsWith) {
        this.contains = contains;
        this.startsWith = startsWith;
        this.endsWith = endsWith;
        this.runs = contains == null ? new String[0][] : runs(contains);
    }

    private static String[][] runs(String contains) {
        int length = contains.length();
        String[][] runs = new String[length + 1][];
        for (int shorter = 0; shorter <= length; shorter++) {
            Set<String> distinct = new LinkedHashSet<>();
            for (int from = 0; from + length - shorter <= length; from++) {
                distinct.add(contains.substring(from, from + length - shorter));
            }
            runs[shorter] = distinct.toArray(String[]::new);
        }
        return runs;
    }

    /** The most digits best effort may drop: past it, every number matches. */
    int longest() {
        return Math.max(length(contains), Math.max(length(startsWith), length(endsWith)));
    }

    boolean matches(String national) {
        return distance(national, 0) == 0;
    }

    /**
     * How many digits each pattern must lose, at most, for the number to match: 0 for an exact match. A number
     * farther than {@code atMost} answers {@code atMost + 1}, so a scan looking for the nearest numbers stops
     * comparing as soon as a number is known to be no nearer than the best so far.
     */
    int distance(String national, int atMost) {
        int distance = 0;
        if (startsWith != null) {
            distance = startsWith.length() - commonPrefix(national, startsWith);
        }
        if (endsWith != null && distance <= atMost) {
            distance = Math.max(distance, endsWith.length() - commonSuffix(national, endsWith));
        }
        if (contains != null && distance <= atMost && distance < contains.length()) {
            // Only runs that bring the number nearer than it already is, and no farther than atMost, are tried;
            // the empty run (shorter == length) is in every number, so the loop ends by atMost + 1 at the latest.
            int shorter = distance;
            while (shorter <= atMost && !containsAny(national, runs[shorter])) {
                shorter++;
            }
            distance = shorter;
        }
        return distance <= atMost ? distance : atMost + 1;
    }

    private static boolean containsAny(String national, String[] candidates) {
        for (String run : candidates) {
            if (national.contains(run)) {
                return true;
            }
        }
        return false;
    }

    private static int commonPrefix(String national, String pattern) {
        int n = Math.min(national.length(), pattern.length());
        int i = 0;
        while (i < n && national.charAt(i) == pattern.charAt(i)) {
            i++;
        }
        return i;
    }

    private static int commonSuffix(String national, String pattern) {
        int n = Math.min(national.length(), pattern.length());
        int i = 0;
        while (i < n && national.charAt(national.length() - 1 - i) == pattern.charAt(pattern.length() - 1 - i)) {
            i++;
        }
        return i;
    }

    private static int length(@Nullable String pattern) {
        return pattern == null ? 0 : pattern.length();
    }
}
