package org.safeguarding.hub.scorecard;

/**
 * Counts things that happen on a day (contacts received, ICPCs held): a period's figure is the sum
 * over its days, so months add up to quarters and rolling years. {@code day} is the local date the
 * thing counts on.
 */
public non-sealed interface EventComputation extends MeasureComputation {
}
