package org.safeguarding.hub.scorecard;

/**
 * One drill-down cell: {@code dimension} is source-agency, team or category; {@code category} is
 * the agency id, team name or category ("not recorded" where the data has none, so that the cells
 * of a dimension add up to the total).
 */
public record Cell(String dimension, String category, Figure figure) {
}
