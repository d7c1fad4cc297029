package dev.switchboard.telephony.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigitPatternsTest {

    private static final String NUMBER = "4155552671";

    @Test
    void matchesStartsWithOnTheNationalNumberWithoutTheCountryCode() {
        assertThat(new DigitPatterns(null, "415", null).matches(NUMBER)).isTrue();
        assertThat(new DigitPatterns(null, "4155", null).matches(NUMBER)).isTrue();
        assertThat(new DigitPatterns(null, "1415", null).matches(NUMBER)).isFalse();
        assertThat(new DigitPatterns(null, "416", null).matches(NUMBER)).isFalse();
    }

    @Test
    void matchesEndsWithOnTheLastDigits() {
        assertThat(new DigitPatterns(null, null, "2671").matches(NUMBER)).isTrue();
        assertThat(new DigitPatterns(null, null, "2670").matches(NUMBER)).isFalse();
    }

    @Test
    void matchesContainsAnywhereIncludingTheAreaCode() {
        assertThat(new DigitPatterns("1555", null, null).matches(NUMBER)).isTrue();
        assertThat(new DigitPatterns("4155552671", null, null).matches(NUMBER)).isTrue();
        assertThat(new DigitPatterns("2672", null, null).matches(NUMBER)).isFalse();
    }

    @Test
    void requiresEveryGivenPatternAtOnce() {
        assertThat(new DigitPatterns("555", "415", "71").matches(NUMBER)).isTrue();
        assertThat(new DigitPatterns("555", "415", "72").matches(NUMBER)).isFalse();
    }

    @Test
    void noPatternsMatchEveryNumberAtDistanceZero() {
        DigitPatterns none = new DigitPatterns(null, null, null);
        assertThat(none.matches(NUMBER)).isTrue();
        assertThat(none.longest()).isZero();
    }

    @Test
    void distanceCountsTheDigitsEachPatternMustLose() {
        // ends with "671" but not "2671" -> the pattern "9671" must lose its first digit
        assertThat(new DigitPatterns(null, null, "9671").distance(NUMBER, 4)).isEqualTo(1);
        // starts with "41" but not "419" -> "4199" keeps only "41"
        assertThat(new DigitPatterns(null, "4199", null).distance(NUMBER, 4)).isEqualTo(2);
        // "5527" is not in the number but its leading run "552" is
        assertThat(new DigitPatterns("5527", null, null).distance(NUMBER, 4)).isEqualTo(1);
        // a run from the end of the pattern counts too: "0552" is not in it, "552" is
        assertThat(new DigitPatterns("0552", null, null).distance(NUMBER, 4)).isEqualTo(1);
    }

    @Test
    void distanceIsTheWorstOfThePatterns() {
        assertThat(new DigitPatterns("5527", "4199", "2671").distance(NUMBER, 10)).isEqualTo(2);
    }

    @Test
    void distanceStopsCountingPastTheBound() {
        assertThat(new DigitPatterns(null, null, "0000").distance(NUMBER, 2)).isEqualTo(3);
        assertThat(new DigitPatterns("8888", null, null).distance(NUMBER, 1)).isEqualTo(2);
        assertThat(new DigitPatterns("8888", null, null).distance(NUMBER, 4)).isEqualTo(4);
    }

    @Test
    void longestIsTheLongestPattern() {
        assertThat(new DigitPatterns("22", "415", "2255").longest()).isEqualTo(4);
    }

    @Test
    void aPatternLongerThanTheNumberNeverMatchesExactly() {
        DigitPatterns tooLong = new DigitPatterns("415555267100", null, null);
        assertThat(tooLong.matches(NUMBER)).isFalse();
        assertThat(tooLong.distance(NUMBER, 12)).isEqualTo(2);
    }
}
