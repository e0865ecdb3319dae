package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;

/** Assessments completed on or before the N-th working day after they started (004:L1771); counted when completed. */
public final class AssessmentsWithinWorkingDays extends ParameterisedComputation implements EventComputation {

    public AssessmentsWithinWorkingDays() {
        super("assessments-within-working-days", "within-working-days");
    }

    @Override
    protected String template() {
        return """
                SELECT a.completed_on AS day, coalesce(c.k <= 2 * (s.k / 2 + %d), false)::int AS num,
                       1 AS den, NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM assessment a
                LEFT JOIN wd s ON s.day = a.started_on
                LEFT JOIN wd c ON c.day = a.completed_on
                WHERE a.partnership_id = :partnership AND a.superseded_by IS NULL AND a.completed_on IS NOT NULL
                """;
    }
}
