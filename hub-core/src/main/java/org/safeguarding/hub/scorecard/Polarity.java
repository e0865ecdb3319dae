package org.safeguarding.hub.scorecard;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** Whether a higher value is better ("high is good"), worse, or neither. */
public enum Polarity {
    HIGH_IS_GOOD("high-is-good"),
    LOW_IS_GOOD("low-is-good"),
    NEUTRAL("neutral");

    private final String code;

    Polarity(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Polarity of(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst().orElse(null);
    }
}
