package org.safeguarding.hub.scorecard;

import java.math.BigDecimal;
import java.util.List;

/**
 * A measure computed for a period with its trend: {@code trend} holds the last periods oldest
 * first, the reported period last. Unrounded: for the MASH only, until disclosure control is applied.
 */
public record MeasureResult(MeasureDefinition measure, int childPopulation, List<PeriodFigures> trend) {

    public MeasureResult {
        trend = List.copyOf(trend);
    }

    public PeriodFigures current() {
        return trend.get(trend.size() - 1);
    }

    /** The exact value of a figure in the measure's unit ({@link Unit#value}): for the MASH only. */
    public BigDecimal value(Figure figure) {
        return measure.unit().value(figure.numerator(), figure.denominator(), childPopulation);
    }
}
