package org.safeguarding.hub.mash;

import java.util.Arrays;
import java.util.Optional;

/** What the MASH decided to do with a contact (DOMAIN.md pathway step 3). */
public enum DecisionOutcome {
    NO_FURTHER_ACTION(1), UNIVERSAL(1), EARLY_HELP(2), SOCIAL_CARE_ASSESSMENT(4), STRATEGY_DISCUSSION(4);

    /** The lowest level of need the outcome is open to; assessment and strategy need level 4 (004:L1785). */
    private final int minimumLevel;

    DecisionOutcome(int minimumLevel) {
        this.minimumLevel = minimumLevel;
    }

    public String code() {
        return name().toLowerCase().replace('_', '-');
    }

    public boolean allows(LevelOfNeed level) {
        return this == NO_FURTHER_ACTION || this == UNIVERSAL || level.value() >= minimumLevel;
    }

    public static Optional<DecisionOutcome> of(String code) {
        return Arrays.stream(values()).filter(o -> o.code().equals(code)).findFirst();
    }
}
