package org.safeguarding.hub.scorecard;

import java.util.List;

/** A measure's unrounded counts for one period: the total and its drill-down cells. */
public record PeriodFigures(Period period, Figure total, List<Cell> breakdown) {
    public PeriodFigures {
        breakdown = List.copyOf(breakdown);
    }
}
