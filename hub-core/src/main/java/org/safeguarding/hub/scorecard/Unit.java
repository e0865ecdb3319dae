package org.safeguarding.hub.scorecard;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

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

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Unit of(String code) {
        return Arrays.stream(values()).filter(u -> u.code.equals(code)).findFirst().orElse(null);
    }
}
