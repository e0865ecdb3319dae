package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

import java.util.List;

/** Assessments completed on or before the N-th working day after they started (004:L1771); counted when completed. */
public final class AssessmentsWithinWorkingDays implements EventComputation {

    @Override
    public String name() {
        return "assessments-within-working-days";
    }

    @Override
    public List<String> requiredParameters() {
        return List.of("within-working-days");
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT a.completed_on AS day, coalesce(c.k <= 2 * (s.k / 2 + %d), false)::int AS num,
                       1 AS den, NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM assessment a
                LEFT JOIN wd s ON s.day = a.started_on
                LEFT JOIN wd c ON c.day = a.completed_on
                WHERE a.partnership_id = :partnership AND a.superseded_by IS NULL AND a.completed_on IS NOT NULL
                """.formatted(measure.parameter("within-working-days"));
    }
}
