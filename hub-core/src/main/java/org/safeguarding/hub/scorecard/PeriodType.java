package org.safeguarding.hub.scorecard;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** The kinds of reporting period. Quarters are financial-year quarters (Q1 = April to June). */
public enum PeriodType {
    MONTH("month", 1, 1),
    QUARTER("quarter", 3, 3),
    /** Twelve months ending with a month; successive periods step by one month. */
    ROLLING_12_MONTHS("rolling-12-months", 12, 1);

    private final String code;
    private final int months;
    private final int step;

    PeriodType(String code, int months, int step) {
        this.code = code;
        this.months = months;
        this.step = step;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public int months() {
        return months;
    }

    /** Months between the starts of two successive periods of this type. */
    public int step() {
        return step;
    }

    @JsonCreator
    public static PeriodType of(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst().orElse(null);
    }
}
