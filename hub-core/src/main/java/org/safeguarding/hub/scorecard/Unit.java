package org.safeguarding.hub.scorecard;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/** How a measure's value is expressed. Rates use the partnership's child population (004:L422). */
public enum Unit {
    COUNT("count"),
    PERCENT("percent"),
    RATE_PER_10000("rate-per-10000");

    private final String code;

    Unit(String code) {
        this.code = code;
    }

    /**
     * The one formula for a value in this unit, from the counts behind it: a count itself (scale 0), a
     * percentage of the denominator or a rate per 10,000 children, both to one decimal place, halves
     * up (14 x 10,000 / 36,029 = 3.89 -> 3.9). Null for a percentage of 0. Disclosure-controlled output
     * passes the shown (rounded) counts, so the value tells a reader nothing the counts do not.
     *
     * @param denominator used by percentages only
     * @param childPopulation used by rates only: children aged 0-17 in the partnership (004:L422)
     */
    public BigDecimal value(long numerator, long denominator, int childPopulation) {
        return switch (this) {
            case COUNT -> BigDecimal.valueOf(numerator);
            case PERCENT -> denominator == 0 ? null
                    : BigDecimal.valueOf(numerator * 100L).divide(BigDecimal.valueOf(denominator), 1, RoundingMode.HALF_UP);
            case RATE_PER_10000 -> BigDecimal.valueOf(numerator * 10_000L)
                    .divide(BigDecimal.valueOf(childPopulation), 1, RoundingMode.HALF_UP);
        };
    }

    /** A value as every published format writes it: "45", "33.3", "12.5"; empty when there is none. */
    public static String text(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    /** A value in words with its unit, as the page and the FHIR narrative show it: "45", "33.3%", "12.5 per 10,000". */
    public String words(BigDecimal value) {
        return text(value) + switch (this) {
            case COUNT -> "";
            case PERCENT -> "%";
            case RATE_PER_10000 -> " per 10,000";
        };
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Unit of(String code) {
        return Arrays.stream(values()).filter(u -> u.code.equals(code)).findFirst().orElse(null);
    }
}
