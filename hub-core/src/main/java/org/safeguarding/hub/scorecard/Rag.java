package org.safeguarding.hub.scorecard;

import java.math.BigDecimal;

/** RAG status against target: Green on the good side, Amber within the tolerance, Red beyond. */
public enum Rag {
    RED, AMBER, GREEN;

    static Rag of(MeasureDefinition measure, BigDecimal value) {
        if (value == null || measure.target() == null || measure.polarity() == Polarity.NEUTRAL) {
            return null;
        }
        // How far the value is on the bad side of target (negative or zero: on or past it).
        BigDecimal shortfall = measure.polarity() == Polarity.HIGH_IS_GOOD
                ? measure.target().subtract(value) : value.subtract(measure.target());
        if (shortfall.signum() <= 0) {
            return GREEN;
        }
        BigDecimal tolerance = measure.ragTolerance() == null ? BigDecimal.ZERO : measure.ragTolerance();
        return shortfall.compareTo(tolerance) <= 0 ? AMBER : RED;
    }
}
