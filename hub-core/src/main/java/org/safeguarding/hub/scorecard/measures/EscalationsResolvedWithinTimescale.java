package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Escalations resolved by the due time of the stage they were at (001:L3408 "within expected timescales"). */
public final class EscalationsResolvedWithinTimescale implements EventComputation {

    @Override
    public String name() {
        return "escalations-resolved-within-timescale";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(x.resolved_at) AS day, (x.resolved_at <= x.stage_due_at)::int AS num, 1 AS den,
                       x.raised_by_agency_id AS agency, NULL::text AS team, NULL::text AS category
                FROM escalation x WHERE x.partnership_id = :partnership AND x.status = 'resolved'
                """;
    }
}
