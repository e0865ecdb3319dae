package org.safeguarding.hub.scorecard;

import java.math.BigDecimal;
import java.math.RoundingMode;
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

    /**
     * The value of a figure in the measure's unit, to one decimal place: a count, a percentage of the
     * denominator (null when it is 0), or a rate per 10,000 children (14 / 36,029 x 10,000 = 3.9).
     */
    public BigDecimal value(Figure figure) {
        return switch (measure.unit()) {
            case COUNT -> BigDecimal.valueOf(figure.numerator());
            case PERCENT -> figure.denominator() == 0 ? null
                    : BigDecimal.valueOf(figure.numerator() * 100L)
                    .divide(BigDecimal.valueOf(figure.denominator()), 1, RoundingMode.HALF_UP);
            case RATE_PER_10000 -> BigDecimal.valueOf(figure.numerator() * 10_000L)
                    .divide(BigDecimal.valueOf(childPopulation), 1, RoundingMode.HALF_UP);
        };
    }

    /** Red, amber or green against the target; null when the measure has no target or no value. */
    public Rag rag(BigDecimal value) {
        return Rag.of(measure, value);
    }

    /** Direction of travel from the previous period to the reported one. */
    public Direction direction() {
        if (trend.size() < 2) {
            return Direction.NOT_KNOWN;
        }
        return Direction.between(measure.polarity(), value(trend.get(trend.size() - 2).total()),
                value(current().total()));
    }
}
