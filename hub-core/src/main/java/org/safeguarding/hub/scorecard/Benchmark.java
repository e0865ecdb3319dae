package org.safeguarding.hub.scorecard;

import java.math.BigDecimal;

/**
 * A published comparator for a measure.
 *
 * @param comparator england, statistical-neighbours or region
 * @param year       the year the figure is for, e.g. "2021-22"
 * @param source     where it was published
 */
public record Benchmark(String comparator, BigDecimal value, String year, String source) {
}
