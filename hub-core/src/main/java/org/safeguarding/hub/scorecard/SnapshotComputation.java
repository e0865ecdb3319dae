package org.safeguarding.hub.scorecard;

/**
 * Counts a state on a day (children in care on the last day of the period): the query returns rows
 * for each {@code as_at.day}, with that day in {@code day}; a period's figure is the one on its
 * last day.
 */
public non-sealed interface SnapshotComputation extends MeasureComputation {
}
