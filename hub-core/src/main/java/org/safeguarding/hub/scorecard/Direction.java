package org.safeguarding.hub.scorecard;

import java.math.BigDecimal;

/** Direction of travel between two periods, read through the measure's polarity. */
public enum Direction {
    IMPROVING, WORSENING, UP, DOWN, NO_CHANGE, NOT_KNOWN;

    static Direction between(Polarity polarity, BigDecimal before, BigDecimal after) {
        if (before == null || after == null) {
            return NOT_KNOWN;
        }
        int change = after.compareTo(before);
        if (change == 0) {
            return NO_CHANGE;
        }
        return switch (polarity) {
            case HIGH_IS_GOOD -> change > 0 ? IMPROVING : WORSENING;
            case LOW_IS_GOOD -> change < 0 ? IMPROVING : WORSENING;
            case NEUTRAL -> change > 0 ? UP : DOWN;
        };
    }
}
