package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/** Escalations resolved while at stage 1, of those resolved (001:L3408 "resolved at earlier stages"). */
public final class EscalationsResolvedAtStage1 implements EventComputation {

    @Override
    public String name() {
        return "escalations-resolved-at-stage-1";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT scorecard_day(x.resolved_at) AS day, (x.stage = 1)::int AS num, 1 AS den,
                       x.raised_by_agency_id AS agency, NULL::text AS team, NULL::text AS category
                FROM escalation x WHERE x.partnership_id = :partnership AND x.status = 'resolved'
                """;
    }
}
