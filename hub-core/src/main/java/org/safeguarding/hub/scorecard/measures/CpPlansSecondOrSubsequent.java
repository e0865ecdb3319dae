package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Child protection plans starting for a child who had an earlier plan, ever (004:L1767, L1770). */
public final class CpPlansSecondOrSubsequent implements EventComputation {

    @Override
    public String name() {
        return "cp-plans-second-or-subsequent";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT started_on AS day, (earlier > 1)::int AS num, 1 AS den,
                       NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM (SELECT p.started_on, row_number() OVER (PARTITION BY p.child_id ORDER BY p.started_on, p.id) AS earlier
                      FROM child_protection_plan p
                      WHERE p.partnership_id = :partnership AND p.superseded_by IS NULL) plans
                """;
    }
}
